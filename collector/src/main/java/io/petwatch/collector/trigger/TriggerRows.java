package io.petwatch.collector.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Writes triggers as rows of {@code alerts}, where the triage workers claim them like a hub's alerts (issue 18's
 * contract): a deterministic alert id and ON CONFLICT DO NOTHING, so raising a trigger again is a no-op; a resolution
 * only once its FIRING is stored, so a parcel delivered before anything fired resolves nothing.
 */
@ApplicationScoped
public class TriggerRows {
    private static final String INSERT = """
            INSERT INTO alerts (alert_id, kind, state, severity, window_start, window_end, detected_at, raised_at,
                                detector, detector_params, summary, payload, source, customer_id, subject, received_at)
            SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?
             WHERE NOT ? OR EXISTS (SELECT 1 FROM alerts WHERE alert_id = ?)
            ON CONFLICT (alert_id) DO NOTHING
            RETURNING alert_id""";

    private final Jdbi jdbi;
    private final ObjectMapper mapper;

    public TriggerRows(Jdbi jdbi, ObjectMapper mapper) {
        this.jdbi = jdbi;
        this.mapper = mapper;
    }

    /**
     * The start, as stored, of the subject's episode the trigger belongs to: a FIRING of its kind about the customer's
     * subject whose start lies within the trigger's evidence. Events may arrive late (a source re-sending, a retry
     * out of order): a failure older than the one an episode was raised on moves the trigger's own start earlier, yet
     * it is the same episode, raised once and resolved under the id it was raised with.
     */
    public Optional<Instant> storedEpisode(Trigger t, String customerId) {
        return jdbi.withHandle(h -> h.select("""
                SELECT window_start FROM alerts
                 WHERE customer_id = ? AND kind = ? AND subject = ? AND state = 'FIRING'
                   AND window_start BETWEEN ? AND ?
                 ORDER BY window_start LIMIT 1""", customerId, t.kind().name(), t.subject(), t.windowStart(),
                t.windowEnd()).mapTo(Instant.class).findFirst());
    }

    /** Stores the trigger about {@code customerId}, raised from {@code source}'s events; true if stored now. */
    public boolean store(Trigger t, String source, String customerId, Instant receivedAt) {
        return jdbi.withHandle(h -> h.createQuery(INSERT)
                .bind(0, t.alertId()).bind(1, t.kind().name()).bind(2, t.state()).bind(3, t.kind().severity())
                .bind(4, t.windowStart()).bind(5, t.windowEnd()).bind(6, t.detectedAt()).bind(7, t.detectedAt())
                .bind(8, t.kind().detector()).bind(9, json(t.params(), t)).bind(10, t.summary())
                .bind(11, payload(t)).bind(12, source).bind(13, customerId).bind(14, t.subject())
                .bind(15, receivedAt).bind(16, t.resolved()).bind(17, t.firingId())
                .mapTo(String.class).findFirst().isPresent());
    }

    /** The evidence, as JSON: each event's source, id, type, time and facts (never the raw payload). */
    byte[] payload(Trigger t) {
        ObjectNode root = mapper.createObjectNode();
        root.put("trigger", t.alertId());
        ArrayNode events = root.putArray("evidence");
        for (SignalEvent e : t.evidence()) {
            ObjectNode event = events.addObject();
            event.put("signal_event", e.id());
            event.put("source", e.source());
            event.put("event_id", e.eventId());
            event.put("event_type", e.eventType());
            event.put("subject", e.subject());
            event.put("occurred_at", e.occurredAt().toString());
            event.set("facts", e.facts().json());
        }
        try {
            return mapper.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("evidence of " + t.alertId() + " is not serialisable", e);
        }
    }

    private String json(Object value, Trigger t) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("detector params of " + t.alertId() + " are not serialisable", e);
        }
    }
}
