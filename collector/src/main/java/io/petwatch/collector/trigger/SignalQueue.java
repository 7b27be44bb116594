package io.petwatch.collector.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Detection's queue is the {@code signal_events} table itself, as triage's is {@code alerts}: an event waits as
 * RECEIVED until a detection task claims it ({@code FOR UPDATE SKIP LOCKED}) and the claim, the triggers it raises and
 * its mark commit in one transaction. So any number of collector instances decide each event exactly once.
 */
@ApplicationScoped
public class SignalQueue {
    private static final String COLUMNS = """
            id, source, event_id, event_type, signal, subject, customer_id, unmatched_reason, occurred_at, facts::text""";

    private final Jdbi jdbi;
    private final ObjectMapper mapper;

    public SignalQueue(Jdbi jdbi, ObjectMapper mapper) {
        this.jdbi = jdbi;
        this.mapper = mapper;
    }

    /** Locks up to {@code max} waiting events, oldest first; call inside the transaction that decides them. */
    public List<SignalEvent> claim(int max) {
        return jdbi.withHandle(h -> h.select("SELECT " + COLUMNS + """
                \s FROM signal_events WHERE status = 'RECEIVED' ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED""", max)
                .map((rs, ctx) -> event(rs)).list());
    }

    /** One subject to evaluate: a signal and what its events are about. */
    public record Subject(String signal, String subject) {
    }

    /**
     * Everything known of each subject, in two statements however many: its own events and, for a parcel, the survey
     * answers naming its tracking code.
     */
    public List<History> histories(Collection<Subject> subjects) {
        if (subjects.isEmpty()) {
            return List.of();
        }
        String[] signals = subjects.stream().map(Subject::signal).toArray(String[]::new);
        String[] names = subjects.stream().map(Subject::subject).toArray(String[]::new);
        String[] parcels = subjects.stream().filter(s -> s.signal().equals("DELIVERY")).map(Subject::subject)
                .toArray(String[]::new);
        Map<Long, SignalEvent> events = new LinkedHashMap<>();
        jdbi.useHandle(h -> {
            h.select("SELECT " + COLUMNS + """
                    \s FROM signal_events
                     WHERE (signal, subject) IN (SELECT * FROM unnest(?::text[], ?::text[]))""", signals, names)
                    .map((rs, ctx) -> event(rs)).forEach(e -> events.put(e.id(), e));
            if (parcels.length > 0) {
                h.select("SELECT " + COLUMNS + """
                        \s FROM signal_events
                         WHERE signal = 'SURVEY' AND facts->>'tracking_code' = ANY(?::text[])""", (Object) parcels)
                        .map((rs, ctx) -> event(rs)).forEach(e -> events.put(e.id(), e));
            }
        });
        return subjects.stream().map(s -> new History(s.signal(), s.subject(), events.values().stream()
                .filter(e -> (e.signal().equals(s.signal()) && e.subject().equals(s.subject()))
                        || (s.signal().equals("DELIVERY") && e.signal().equals("SURVEY")
                        && e.facts().text("tracking_code").filter(s.subject()::equals).isPresent()))
                .toList())).toList();
    }

    /** What detection made of a claimed event: DETECTED, UNMATCHED or FAILED, and why. */
    public record Mark(long eventId, String status, String reason) {
    }

    public void mark(List<Mark> marks, Instant at) {
        if (marks.isEmpty()) {
            return;
        }
        jdbi.useHandle(h -> h.execute("""
                UPDATE signal_events s SET status = m.status, status_reason = m.reason, processed_at = ?
                  FROM unnest(?::text[], ?::text[], ?::text[]) AS m(id, status, reason)
                 WHERE s.id = m.id::bigint""", at,
                marks.stream().map(m -> Long.toString(m.eventId())).toArray(String[]::new),
                marks.stream().map(Mark::status).toArray(String[]::new),
                marks.stream().map(Mark::reason).toArray(String[]::new)));
    }

    /** Sets aside an event whose detection failed alone, so it does not block the queue; false if already decided. */
    public boolean fail(long eventId, String reason, Instant at) {
        return jdbi.withHandle(h -> h.execute("""
                UPDATE signal_events SET status = 'FAILED', status_reason = ?, processed_at = ?
                 WHERE id = ? AND status = 'RECEIVED'""", reason, at, eventId)) == 1;
    }

    /**
     * Tracking codes, after {@code after} in code order, of parcels that may still be waiting on an absence rule: an
     * update since {@code since}, a known customer, nothing saying it left transit, and not yet raised as stuck (the
     * last absence trigger a parcel can get).
     */
    public List<String> openParcels(Instant since, String after, int max) {
        return jdbi.withHandle(h -> h.select("""
                SELECT subject FROM signal_events
                 WHERE signal = 'DELIVERY' AND occurred_at >= ? AND subject > ?
                 GROUP BY subject
                HAVING bool_or(customer_id IS NOT NULL)
                   AND NOT coalesce(bool_or(facts->>'status' IN ('delivered', 'available_for_pickup',
                                                                 'return_to_sender', 'cancelled')), false)
                   AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.kind = 'PARCEL_STUCK' AND a.source <> 'hub'
                                                            AND a.subject = signal_events.subject)
                 ORDER BY subject LIMIT ?""", since, after, max).mapTo(String.class).list());
    }

    private SignalEvent event(ResultSet rs) throws SQLException {
        try {
            return new SignalEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getString(6), Optional.ofNullable(rs.getString(7)), Optional.ofNullable(rs.getString(8)),
                    rs.getTimestamp(9).toInstant(), Facts.of(mapper.readTree(rs.getString(10))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("signal event " + rs.getLong(1) + " has facts that are not JSON", e);
        }
    }
}
