package io.petwatch.collector.outreach;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The transactional outbox ({@code messages}): a message is queued in the same transaction as the decision that
 * wants it, and the relay sends it afterwards. At most one message per case, script and channel, so a decision taken
 * twice queues once. The one place that adds messages or changes what is held.
 */
@ApplicationScoped
public class Outbox {
    private final Jdbi jdbi;
    private final Clock clock;

    public Outbox(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** A message to queue: where, to whom, from which script, and from when it may leave. */
    public record Message(String channel, Optional<Long> caseId, String customerId, String recipient, String script,
                          String body, Instant sendAfter, String reason) {
    }

    /** Queues a message for the relay; false if the case already had it. */
    public boolean queue(Message m) {
        return insert("QUEUED", m);
    }

    /**
     * A case message queued now. When it was due at once it is leased to this instance's relay
     * ({@code claimed_until} set), which must be given it ({@link MessageRelay#sendLeased}) after the transaction
     * commits; if that never happens (a crash), the lease runs out and any relay sends it.
     */
    public record Queued(long messageId, String channel, boolean leased) {
    }

    /**
     * Queues several case messages in one statement; per message, what was queued (empty: the case had it). The ones
     * due now are leased to this instance's relay as they are written, so they need no claim of their own: the claim
     * (a second UPDATE of each message) was the relay's most expensive statement when texts were many.
     */
    public List<Optional<Queued>> queueAll(List<Message> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        Map<Long, Queued> queued = new HashMap<>();
        jdbi.useHandle(h -> h.select("""
                INSERT INTO messages (case_id, customer_id, channel, recipient, template, body, status, send_after,
                                      reason, created_at, claimed_until, attempts)
                SELECT v.case_id, v.customer, v.channel, v.recipient, v.template, v.body, 'QUEUED', v.send_after,
                       v.reason, ?, CASE WHEN v.send_after <= ? THEN ?::timestamptz END,
                       CASE WHEN v.send_after <= ? THEN 1 ELSE 0 END
                  FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[],
                              ?::text[]) WITH ORDINALITY AS v(case_id, customer, channel, recipient, template, body,
                                                              send_after, reason, n)
                 ORDER BY v.n
                ON CONFLICT (case_id, template, channel) DO NOTHING
                RETURNING case_id, id, channel, claimed_until IS NOT NULL""", now, now,
                RelayQueue.leaseFrom(now), now,
                messages.stream().map(m -> m.caseId().orElseThrow(() -> new IllegalArgumentException(
                        "queueAll takes case messages only"))).toArray(Long[]::new),
                messages.stream().map(Message::customerId).toArray(String[]::new),
                messages.stream().map(Message::channel).toArray(String[]::new),
                messages.stream().map(Message::recipient).toArray(String[]::new),
                messages.stream().map(Message::script).toArray(String[]::new),
                messages.stream().map(Message::body).toArray(String[]::new),
                messages.stream().map(m -> m.sendAfter().toString()).toArray(String[]::new),
                messages.stream().map(Message::reason).toArray(String[]::new))
                .map((rs, ctx) -> Map.entry(rs.getLong(1), new Queued(rs.getLong(2), rs.getString(3),
                        rs.getBoolean(4))))
                .forEach(e -> queued.put(e.getKey(), e.getValue())));
        return messages.stream().map(m -> Optional.ofNullable(queued.get(m.caseId().orElseThrow()))).toList();
    }

    /** Keeps a message HELD (by a fleet incident) until an operator releases or discards it. */
    public boolean hold(Message m) {
        return insert("HELD", m);
    }

    private boolean insert(String status, Message m) {
        return jdbi.withHandle(h -> h.execute("""
                INSERT INTO messages (case_id, customer_id, channel, recipient, template, body, status, send_after,
                                      reason, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (case_id, template, channel) DO NOTHING""", m.caseId().orElse(null), m.customerId(),
                m.channel(), m.recipient(), m.script(), m.body(), status, m.sendAfter(), m.reason(),
                clock.instant())) > 0;
    }

    /**
     * The case closed: whatever it had not yet handed to a provider (queued for after quiet hours, a fallback, held by
     * an incident) never goes out. Returns the scripts cancelled. A text a relay is sending at this very moment still
     * leaves, and is then marked SENT: the mark records what happened.
     */
    public List<String> cancelUnsent(long caseId, String why) {
        return jdbi.withHandle(h -> h.select("""
                UPDATE messages SET status = 'CANCELLED', error = ?, claimed_until = NULL
                 WHERE case_id = ? AND status IN ('QUEUED', 'HELD')
                RETURNING template || ' (' || channel || ')'""", why, caseId).mapTo(String.class).list());
    }

    /** Whether any text of the case has been handed to a provider. */
    public boolean anySent(long caseId) {
        return jdbi.withHandle(h -> h.select("SELECT EXISTS (SELECT 1 FROM messages WHERE case_id = ? AND status = 'SENT')",
                caseId).mapTo(Boolean.class).one());
    }

    /** The held texts of these cases leave now. */
    public void releaseHeld(List<Long> caseIds) {
        if (!caseIds.isEmpty()) {
            jdbi.useHandle(h -> h.execute("UPDATE messages SET status = 'QUEUED', send_after = ?"
                    + " WHERE status = 'HELD' AND case_id = ANY(?)", clock.instant(), caseIds.toArray(Long[]::new)));
        }
    }

    /** The held texts of these cases never go out. */
    public void discardHeld(List<Long> caseIds, String why) {
        if (!caseIds.isEmpty()) {
            jdbi.useHandle(h -> h.execute("UPDATE messages SET status = 'FAILED', error = ?"
                    + " WHERE status = 'HELD' AND case_id = ANY(?)", why, caseIds.toArray(Long[]::new)));
        }
    }
}
