package io.petwatch.collector.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.petwatch.collector.ingest.AlertArrivals;
import io.petwatch.collector.testing.Jdbc;
import io.petwatch.collector.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Detection against the real database: signal events stored as intake stores them become rows of alerts, once, in
 * the contract's shape. Detection is driven by the test (petwatch.triggers.workers=0: no background task, no
 * scheduled sweep) and triage is off, so the alerts stay as detection wrote them.
 */
@QuarkusTest
@TestProfile(DetectionIT.DrivenByTheTest.class)
class DetectionIT {
    public static class DrivenByTheTest implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("petwatch.triggers.workers", "0", "petwatch.triggers.batch-size", "5",
                    "petwatch.triage.workers", "0");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(SurveyToneForTests.class);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T = Instant.parse("2026-11-02T08:00:00Z");

    @Inject
    Jdbc jdbc;
    @Inject
    DetectionWorkers detection;
    @Inject
    AlertArrivals arrivals;
    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static String tag() {
        return Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }

    private String customer() {
        String id = "cus-d" + tag();
        jdbc.update("INSERT INTO customers (id, first_name, last_name, phone) VALUES (?, 'Ada', 'Shopper', ?)", id,
                "+447700" + (910_000 + ThreadLocalRandom.current().nextInt(89_999)));
        return id;
    }

    /** Stores a signal event as intake does: RECEIVED, once per source event id. */
    private long stored(String source, String signal, String subject, String customerId, Instant at, String facts) {
        String eventId = "evt_" + tag();
        return jdbc.first("""
                INSERT INTO signal_events (source, event_id, event_type, signal, subject, customer_id,
                                           unmatched_reason, occurred_at, via, payload, facts)
                VALUES (?, ?, 'test.event', ?, ?, ?, ?, ?, 'WEBHOOK', '{}', ?::jsonb) RETURNING id""",
                rs -> rs.getLong(1), source, eventId, signal, subject, customerId,
                customerId == null ? "no customer has Stripe customer cus_nobody" : null, Timestamp.from(at), facts)
                .orElseThrow();
    }

    private long failedPayment(String customerId, String subscription, Instant at, int attempt) {
        return stored("stripe", "PAYMENT", subscription, customerId, at, """
                {"kind": "payment_failed", "invoice": "in_%s", "subscription": "%s", "attempt_count": %d,
                 "amount_due": 1999, "currency": "gbp", "next_payment_attempt": "2026-11-09T08:00:00Z",
                 "hosted_invoice_url": "https://invoice.stripe.com/i/x"}""".formatted(subscription, subscription,
                attempt));
    }

    private void detectAll() {
        while (detection.detectNextBatch() > 0) {
            // until nothing waits
        }
    }

    private long alerts(String subject) {
        return jdbc.count("SELECT count(*) FROM alerts WHERE subject = ?", subject);
    }

    private String status(long eventId) {
        return jdbc.first("SELECT status || ': ' || coalesce(status_reason, '') FROM signal_events WHERE id = ?",
                rs -> rs.getString(1), eventId).orElseThrow();
    }

    @Test
    void aSecondFailedPaymentRaisesOneAlertInTheContractsShapeAndASuccessResolvesIt() throws Exception {
        String customer = customer();
        String sub = "sub_" + tag();
        long first = failedPayment(customer, sub, T, 1);
        long second = failedPayment(customer, sub, T.plus(Duration.ofDays(3)), 2);
        long woken = arrivals.generation();

        detectAll();

        Map<String, Object> row = jdbc.first("""
                SELECT alert_id, source, customer_id, subject, kind, state, severity, window_start, window_end,
                       detected_at, raised_at, detector, detector_params::text, summary, payload, status,
                       hub_id IS NULL AND collar_id IS NULL
                  FROM alerts WHERE subject = ?""", rs -> Map.<String, Object>ofEntries(
                Map.entry("alert_id", rs.getString(1)), Map.entry("source", rs.getString(2)),
                Map.entry("customer_id", rs.getString(3)), Map.entry("subject", rs.getString(4)),
                Map.entry("kind", rs.getString(5)), Map.entry("state", rs.getString(6)),
                Map.entry("severity", rs.getString(7)), Map.entry("window_start", rs.getTimestamp(8).toInstant()),
                Map.entry("window_end", rs.getTimestamp(9).toInstant()),
                Map.entry("detected_at", rs.getTimestamp(10).toInstant()),
                Map.entry("raised_at", rs.getTimestamp(11).toInstant()), Map.entry("detector", rs.getString(12)),
                Map.entry("params", rs.getString(13)), Map.entry("summary", rs.getString(14)),
                Map.entry("payload", new String(rs.getBytes(15), StandardCharsets.UTF_8)),
                Map.entry("status", rs.getString(16)), Map.entry("no_hub", rs.getBoolean(17))), sub).orElseThrow();
        assertEquals("sig-PAYMENT_FAILED_AGAIN-" + sub + "-" + T.getEpochSecond(), row.get("alert_id"));
        assertEquals("stripe", row.get("source"));
        assertEquals(customer, row.get("customer_id"));
        assertEquals("PAYMENT_FAILED_AGAIN", row.get("kind"));
        assertEquals("FIRING", row.get("state"));
        assertEquals("MEDIUM", row.get("severity"));
        assertEquals(T, row.get("window_start"));
        assertEquals(T.plus(Duration.ofDays(3)), row.get("window_end"));
        assertEquals(T.plus(Duration.ofDays(3)), row.get("detected_at"), "event time, not the clock");
        assertEquals(row.get("detected_at"), row.get("raised_at"));
        assertEquals("payment.second-failure", row.get("detector"));
        assertEquals("RECEIVED", row.get("status"), "waiting for the triage workers");
        assertEquals(true, row.get("no_hub"));
        JsonNode params = JSON.readTree((String) row.get("params"));
        assertEquals(1999, params.get("amount").asInt());
        assertEquals("gbp", params.get("currency").asText());
        assertEquals(2, params.get("retries_left").asInt());
        assertEquals("https://invoice.stripe.com/i/x", params.get("update_card_link").asText());
        assertEquals("2026-11-09T08:00:00Z", params.get("next_attempt").asText());
        JsonNode evidence = JSON.readTree((String) row.get("payload")).get("evidence");
        assertEquals(2, evidence.size());
        assertEquals("payment_failed", evidence.get(1).get("facts").get("kind").asText());
        assertTrue(((String) row.get("summary")).contains(sub), (String) row.get("summary"));
        assertTrue(status(first).startsWith("DETECTED"), status(first));
        assertEquals("DETECTED: raised sig-PAYMENT_FAILED_AGAIN-" + sub + "-" + T.getEpochSecond(), status(second));
        assertTrue(arrivals.generation() > woken, "the triage workers were woken");

        stored("stripe", "PAYMENT", sub, customer, T.plus(Duration.ofDays(4)), """
                {"kind": "payment_succeeded", "invoice": "in_x", "subscription": "%s"}""".formatted(sub));
        failedPayment(customer, sub, T.plus(Duration.ofDays(3)), 2); // a re-sent failure under a new event id
        detectAll();

        assertEquals(List.of("FIRING", "RESOLVED"), jdbc.query("SELECT state FROM alerts WHERE subject = ?"
                + " ORDER BY arrival", rs -> rs.getString(1), sub));
        assertEquals(1, jdbc.count("SELECT count(*) FROM alerts WHERE alert_id = ? AND detected_at = ?",
                "sig-PAYMENT_FAILED_AGAIN-" + sub + "-" + T.getEpochSecond() + "-resolved", Timestamp.from(T.plus(Duration.ofDays(4)))));
    }

    @Test
    void aSubscriptionThatFailsAgainAfterASuccessRaisesASecondEpisodeUnderItsOwnId() {
        String customer = customer();
        String sub = "sub_" + tag();
        Instant nextMonth = T.plus(Duration.ofDays(31));
        failedPayment(customer, sub, T, 1);
        failedPayment(customer, sub, T.plus(Duration.ofDays(1)), 2);
        stored("stripe", "PAYMENT", sub, customer, T.plus(Duration.ofDays(2)), """
                {"kind": "payment_succeeded", "invoice": "in_x", "subscription": "%s"}""".formatted(sub));
        detectAll();

        failedPayment(customer, sub, nextMonth, 1);
        long again = failedPayment(customer, sub, nextMonth.plus(Duration.ofDays(1)), 2);
        detectAll();

        String first = "sig-PAYMENT_FAILED_AGAIN-" + sub + "-" + T.getEpochSecond();
        String second = "sig-PAYMENT_FAILED_AGAIN-" + sub + "-" + nextMonth.getEpochSecond();
        assertEquals(List.of(first + " FIRING " + T, first + "-resolved RESOLVED " + T,
                        second + " FIRING " + nextMonth),
                jdbc.query("SELECT alert_id, state, window_start FROM alerts WHERE subject = ? ORDER BY arrival",
                        rs -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getTimestamp(3).toInstant(), sub),
                "each episode its own trigger, its window starting at the episode's first failure");
        assertEquals("DETECTED: raised " + second, status(again));
    }

    @Test
    void aFailureArrivingAfterItsEpisodeWasRaisedJoinsThatEpisode() {
        String customer = customer();
        String sub = "sub_" + tag();
        Instant raisedOn = T.plus(Duration.ofDays(1));
        failedPayment(customer, sub, raisedOn, 2); // attempt 2: raises alone
        detectAll();
        long late = failedPayment(customer, sub, T, 1); // attempt 1, re-sent late: the episode now starts earlier
        detectAll();
        stored("stripe", "PAYMENT", sub, customer, T.plus(Duration.ofDays(2)), """
                {"kind": "payment_succeeded", "invoice": "in_x", "subscription": "%s"}""".formatted(sub));
        detectAll();

        String episode = "sig-PAYMENT_FAILED_AGAIN-" + sub + "-" + raisedOn.getEpochSecond();
        assertEquals(List.of(episode + " " + raisedOn, episode + "-resolved " + raisedOn),
                jdbc.query("SELECT alert_id, window_start FROM alerts WHERE subject = ? ORDER BY arrival",
                        rs -> rs.getString(1) + " " + rs.getTimestamp(2).toInstant(), sub),
                "one episode, raised once and resolved under the id it was raised with");
        assertEquals("DETECTED: evaluated " + sub + ": nothing new to raise", status(late));
    }

    @Test
    void anEventNobodyKnowsTheCustomerOfIsUnmatchedWithTheReason() {
        String sub = "sub_" + tag();
        long first = failedPayment(null, sub, T, 1);
        long second = failedPayment(null, sub, T.plus(Duration.ofHours(1)), 2);

        detectAll();

        assertEquals("UNMATCHED: no customer has Stripe customer cus_nobody: no trigger raised", status(first));
        assertTrue(status(second).startsWith("UNMATCHED"));
        assertEquals(0, alerts(sub));
    }

    @Test
    void aDeliveredParcelTheCustomerSaysNeverCameRaisesCareThenMissing() {
        String customer = customer();
        String code = "TRK" + tag();
        stored("easypost", "DELIVERY", code, customer, T, """
                {"tracking_code": "%s", "carrier": "USPS", "status": "delivered", "label_created_at": "%s",
                 "checkpoints": [{"at": "%s", "status": "delivered"}]}""".formatted(code, T.minus(Duration.ofDays(2)),
                T));
        detectAll();
        assertEquals(List.of("PARCEL_DELIVERED"), jdbc.query("SELECT kind FROM alerts WHERE subject = ?",
                rs -> rs.getString(1), code));

        String response = "resp_" + tag();
        long answer = stored("survey", "SURVEY", response, customer, T.plus(Duration.ofDays(1)), """
                {"score": 9, "scale_min": 0, "scale_max": 10, "comment": "where is it", "tracking_code": "%s",
                 "arrived": false}""".formatted(code));
        detectAll();

        assertEquals(1, jdbc.count("SELECT count(*) FROM alerts WHERE alert_id = ? AND source = 'easypost'"
                + " AND customer_id = ? AND detector = 'delivery.delivered-missing' AND detected_at = ?",
                "sig-PARCEL_MISSING-" + code + "-" + T.getEpochSecond(), customer, Timestamp.from(T.plus(Duration.ofDays(1)))));
        assertEquals("DETECTED: raised sig-PARCEL_MISSING-" + code + "-" + T.getEpochSecond(), status(answer));
        assertEquals(0, alerts(response), "a 9 with a plain comment is not unhappy");
    }

    @Test
    void aNegativeCommentRaisesSurveyUnhappyWithItsTone() throws Exception {
        String customer = customer();
        String response = "resp_" + tag();
        stored("survey", "SURVEY", response, customer, T, """
                {"score": 8, "scale_min": 0, "scale_max": 10, "comment": "the bed arrived broken"}""");
        detectAll();

        JsonNode params = JSON.readTree(jdbc.first("SELECT detector_params::text FROM alerts WHERE alert_id = ?",
                rs -> rs.getString(1), "sig-SURVEY_UNHAPPY-" + response + "-" + T.getEpochSecond()).orElseThrow());
        assertEquals("NEGATIVE", params.get("tone").asText());
        assertEquals("the bed arrived broken", params.get("comment_excerpt").asText());
    }

    @Test
    void theSweepRaisesNoScanOnceTheClockPasses48HoursAndOnlyOnce() {
        String customer = customer();
        String code = "TRK" + tag();
        Instant label = Instant.parse("2026-11-20T06:00:00Z");
        clock.set(label.plus(Duration.ofHours(1)));
        long update = stored("easypost", "DELIVERY", code, customer, label, """
                {"tracking_code": "%s", "carrier": "Royal Mail", "status": "pre_transit", "label_created_at": "%s",
                 "checkpoints": [{"at": "%s", "status": "pre_transit"}]}""".formatted(code, label, label));
        String statusless = "TRK" + tag(); // an update that says nothing but its label: no status at all
        stored("aftership", "DELIVERY", statusless, customer, label, """
                {"tracking_code": "%s", "label_created_at": "%s"}""".formatted(statusless, label));
        detectAll();
        assertEquals("DETECTED: evaluated " + code + ": nothing new to raise", status(update));

        clock.set(label.plus(Duration.ofHours(47)));
        assertTrue(detection.sweep(clock.instant()).stream().noneMatch(id -> id.contains("-" + code + "-")));
        assertEquals(0, alerts(code));

        clock.set(label.plus(Duration.ofHours(49)));
        List<String> raised = detection.sweep(clock.instant());
        assertTrue(raised.containsAll(List.of("sig-PARCEL_NO_SCAN-" + code + "-" + label.getEpochSecond(),
                "sig-PARCEL_NO_SCAN-" + statusless + "-" + label.getEpochSecond())),
                raised.toString());
        clock.advance(Duration.ofHours(2));
        assertTrue(detection.sweep(clock.instant()).stream().noneMatch(id -> id.contains("-" + code + "-")), "raised once");
        assertEquals(1, jdbc.count("SELECT count(*) FROM alerts WHERE subject = ? AND kind = 'PARCEL_NO_SCAN'"
                + " AND detected_at = ? AND detector_params->>'hours_since_label' = '49'", code,
                Timestamp.from(label.plus(Duration.ofHours(49)))));

        stored("easypost", "DELIVERY", code, customer, label.plus(Duration.ofHours(60)), """
                {"tracking_code": "%s", "carrier": "Royal Mail", "status": "delivered",
                 "checkpoints": [{"at": "%s", "status": "delivered"}]}""".formatted(code,
                label.plus(Duration.ofHours(60))));
        detectAll();
        assertEquals(1, jdbc.count("SELECT count(*) FROM alerts WHERE alert_id = ? AND state = 'RESOLVED'",
                "sig-PARCEL_NO_SCAN-" + code + "-" + label.getEpochSecond() + "-resolved"), "delivery resolves it");
        assertEquals(0, jdbc.count("SELECT count(*) FROM alerts WHERE alert_id = ?",
                "sig-PARCEL_STUCK-" + code + "-" + label.getEpochSecond() + "-resolved"), "nothing resolves what never fired");
    }

    @Test
    void twoRunnersSideBySideRaiseEachTriggerOnceAndDecideEachEventOnce() {
        String customer = customer();
        List<String> subs = java.util.stream.IntStream.range(0, 15).mapToObj(i -> "sub_" + tag()).toList();
        for (String sub : subs) {
            failedPayment(customer, sub, T, 1);
            failedPayment(customer, sub, T.plus(Duration.ofHours(5)), 1);
            failedPayment(customer, sub, T.plus(Duration.ofHours(6)), 2);
        }

        CompletableFuture<Integer> one = CompletableFuture.supplyAsync(this::drain);
        CompletableFuture<Integer> two = CompletableFuture.supplyAsync(this::drain);

        assertEquals(45, one.join() + two.join(), "each event claimed by exactly one runner");
        for (String sub : subs) {
            assertEquals(1, alerts(sub), sub);
        }
        assertEquals(45, jdbc.count("SELECT count(*) FROM signal_events WHERE subject = ANY(?) AND status = 'DETECTED'",
                (Object) subs.toArray(String[]::new)));
    }

    private int drain() {
        int total = 0;
        for (int n = detection.detectNextBatch(); n > 0; n = detection.detectNextBatch()) {
            total += n;
        }
        return total;
    }
}
