package io.petwatch.collector.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.petwatch.collector.ingest.AlertArrivals;
import io.petwatch.collector.outreach.OutboundMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Given / then helpers for retail triggers in the running test collector: a customer of the test's own (no pet),
 * a trigger row in {@code alerts} as detection writes it (issue 18's contract), the case it opens and the texts the
 * recording SMS provider was handed.
 */
@ApplicationScoped
public class TriggerScenario {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final Jdbc jdbc;
    private final AlertArrivals arrivals;
    private final FlakySmsSender sms;
    // Each subject's episode start (customer/kind/subject), so its later triggers belong to the same episode.
    private final Map<String, Instant> episodes = new ConcurrentHashMap<>();

    public TriggerScenario(Jdbc jdbc, AlertArrivals arrivals, FlakySmsSender sms) {
        this.jdbc = jdbc;
        this.arrivals = arrivals;
        this.sms = sms;
    }

    /** A customer who buys from the retailer: a mobile number nobody else has, London time, no pet. */
    public record Customer(String id, String phone) {
    }

    /** A case as the tests read it back. */
    public record Case(long id, String status, String signal, Optional<String> subject, Optional<String> rule,
                       Optional<String> petId, Optional<String> collarId, String decision, Optional<String> outcomeBy) {
    }

    public Customer customer(Optional<String> quietHours, boolean smsConsent) {
        String tag = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        Customer c = new Customer("cus-r" + tag, Households.newPhone());
        jdbc.update("INSERT INTO customers (id, first_name, last_name, phone, time_zone, quiet_hours, sms_consent)"
                + " VALUES (?, 'Robin', 'Ash', ?, 'Europe/London', ?, ?)", c.id(), c.phone(), quietHours.orElse(null),
                smsConsent);
        return c;
    }

    public Customer customer() {
        return customer(Optional.empty(), true);
    }

    /** Raises a trigger as detection does, and wakes the triage workers; its alert id. */
    public String raise(Customer customer, String kind, String state, String subject, Map<String, Object> params) {
        Instant now = Instant.now();
        // A FIRING and its RESOLVED are one episode: the subject's first trigger sets its start, as detection does.
        Instant episode = episodes.computeIfAbsent(customer.id() + "/" + kind + "/" + subject,
                k -> now.minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS));
        return raise(customer, kind, state, subject, params, episode);
    }

    /** Raises a trigger of the subject's episode that started at {@code episodeStart}; its alert id. */
    public String raise(Customer customer, String kind, String state, String subject, Map<String, Object> params,
                        Instant episodeStart) {
        return raise("sig-" + kind + "-" + subject + "-" + episodeStart.getEpochSecond()
                + ("FIRING".equals(state) ? "" : "-" + state.toLowerCase()), customer, kind, state, subject, params,
                episodeStart);
    }

    /**
     * Raises a trigger under an alert id of the caller's (a trigger of an episode raised again, as a source or a
     * second detector could); its alert id.
     */
    public String raise(String alertId, Customer customer, String kind, String state, String subject,
                        Map<String, Object> params, Instant episodeStart) {
        String source = switch (kind.substring(0, kind.indexOf('_'))) {
            case "PAYMENT" -> "stripe";
            case "PARCEL" -> "easypost";
            default -> "survey";
        };
        Instant now = Instant.now();
        String json = json(params);
        jdbc.update("""
                INSERT INTO alerts (alert_id, source, customer_id, subject, kind, state, severity, window_start,
                                    window_end, detected_at, raised_at, detector, detector_params, summary, payload)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)""", alertId, source, customer.id(), subject,
                kind, state, kind.equals("PARCEL_DELIVERED") ? "LOW" : "MEDIUM", episodeStart, now,
                now, now, "test." + kind.toLowerCase(), json, kind.toLowerCase().replace('_', ' ') + " on " + subject,
                json.getBytes(StandardCharsets.UTF_8));
        arrivals.stored();
        return alertId;
    }

    public String raise(Customer customer, String kind, String subject, Map<String, Object> params) {
        return raise(customer, kind, "FIRING", subject, params);
    }

    /** Waits until triage has decided the alert; what it made of it (TRIAGED, UNMATCHED) and why. */
    public String[] decided(String alertId) {
        await().atMost(WAIT).until(() -> !"RECEIVED".equals(alertStatus(alertId)[0]));
        return alertStatus(alertId);
    }

    private String[] alertStatus(String alertId) {
        return jdbc.first("SELECT status, coalesce(status_reason, '') FROM alerts WHERE alert_id = ?",
                rs -> new String[] {rs.getString(1), rs.getString(2)}, alertId).orElseThrow();
    }

    /** The case of the customer's subject, once triage has opened it. */
    public Case caseOf(Customer customer, String kind, String subject) {
        await().atMost(WAIT).until(() -> findCase(customer.id(), kind, subject).isPresent());
        return findCase(customer.id(), kind, subject).orElseThrow();
    }

    public Optional<Case> findCase(String customerId, String kind, String subject) {
        return jdbc.first("""
                SELECT id, status, signal, subject, rule, pet_id, collar_id, decision, outcome_by FROM outreach_cases
                 WHERE customer_id = ? AND kind = ? AND subject = ?""", rs -> new Case(rs.getLong(1),
                rs.getString(2), rs.getString(3), Optional.ofNullable(rs.getString(4)),
                Optional.ofNullable(rs.getString(5)), Optional.ofNullable(rs.getString(6)),
                Optional.ofNullable(rs.getString(7)), rs.getString(8), Optional.ofNullable(rs.getString(9))),
                customerId, kind, subject);
    }

    /** The customer's cases of the subject, one per episode, earliest episode first, once there are {@code n}. */
    public List<Case> casesOf(Customer customer, String kind, String subject, int n) {
        await().atMost(WAIT).until(() -> caseIds(customer, kind, subject).size() >= n);
        return caseIds(customer, kind, subject).stream().map(this::caseById).toList();
    }

    private List<Long> caseIds(Customer customer, String kind, String subject) {
        return jdbc.query("SELECT id FROM outreach_cases WHERE customer_id = ? AND kind = ? AND subject = ?"
                + " ORDER BY episode_start", rs -> rs.getLong(1), customer.id(), kind, subject);
    }

    public Case caseById(long id) {
        return jdbc.first("SELECT id, status, signal, subject, rule, pet_id, collar_id, decision, outcome_by"
                + " FROM outreach_cases WHERE id = ?", rs -> new Case(rs.getLong(1), rs.getString(2),
                rs.getString(3), Optional.ofNullable(rs.getString(4)), Optional.ofNullable(rs.getString(5)),
                Optional.ofNullable(rs.getString(6)), Optional.ofNullable(rs.getString(7)), rs.getString(8),
                Optional.ofNullable(rs.getString(9))), id).orElseThrow();
    }

    /** The text the recording SMS provider was handed for this number, once it has been. */
    public OutboundMessage textTo(String phone) {
        await().atMost(WAIT).until(() -> !textsTo(phone).isEmpty());
        return textsTo(phone).get(0);
    }

    public List<OutboundMessage> textsTo(String phone) {
        return sms.sent().stream().filter(m -> phone.equals(m.to())).toList();
    }

    /** A message of a case as the outbox holds it. */
    public record Message(String template, String status, Instant sendAfter, Instant leftOrLeaves) {
    }

    /** The case's messages, oldest first. */
    public List<Message> messages(long caseId) {
        return jdbc.query("SELECT template, status, send_after, coalesce(sent_at, send_after) FROM messages"
                + " WHERE case_id = ? ORDER BY id", rs -> new Message(rs.getString(1), rs.getString(2),
                rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant()), caseId);
    }

    /** The case's credits: amount, status, granted by. */
    public List<String[]> credits(long caseId) {
        return jdbc.query("SELECT id::text, amount_cents::text, status, granted_by FROM credits WHERE case_id = ?"
                + " ORDER BY id", rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4)}, caseId);
    }

    private static String json(Map<String, Object> params) {
        try {
            return JSON.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
