package io.petwatch.collector.outreach;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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

    /** Queues several messages in one statement; per message, whether it was queued now (false: the case had it). */
    public List<Boolean> queueAll(List<Message> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        java.util.Set<Long> queued = new java.util.HashSet<>(jdbi.withHandle(h -> h.select("""
                INSERT INTO messages (case_id, customer_id, channel, recipient, template, body, status, send_after,
                                      reason, created_at)
                SELECT v.case_id, v.customer, v.channel, v.recipient, v.template, v.body, 'QUEUED', v.send_after,
                       v.reason, ?
                  FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[],
                              ?::text[]) WITH ORDINALITY AS v(case_id, customer, channel, recipient, template, body,
                                                              send_after, reason, n)
                 ORDER BY v.n
                ON CONFLICT (case_id, template, channel) DO NOTHING
                RETURNING case_id""", clock.instant(),
                messages.stream().map(m -> m.caseId().orElseThrow(() -> new IllegalArgumentException(
                        "queueAll takes case messages only"))).toArray(Long[]::new),
                messages.stream().map(Message::customerId).toArray(String[]::new),
                messages.stream().map(Message::channel).toArray(String[]::new),
                messages.stream().map(Message::recipient).toArray(String[]::new),
                messages.stream().map(Message::script).toArray(String[]::new),
                messages.stream().map(Message::body).toArray(String[]::new),
                messages.stream().map(m -> m.sendAfter().toString()).toArray(String[]::new),
                messages.stream().map(Message::reason).toArray(String[]::new))
                .mapTo(Long.class).list()));
        return messages.stream().map(m -> queued.contains(m.caseId().orElseThrow())).toList();
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

    /** A held text that must never go out (the pet recovered first). */
    public void dropHeld(long caseId, String why) {
        jdbi.useHandle(h -> h.execute("UPDATE messages SET status = 'FAILED', error = ? WHERE case_id = ?"
                + " AND status = 'HELD'", why, caseId));
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
