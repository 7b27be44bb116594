package io.petwatch.collector.outreach;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.Jdbi;

/**
 * Which queued messages this instance's relay may send: those it claims from the outbox with a lease
 * ({@code FOR UPDATE SKIP LOCKED}, so two instances never take the same one), and those triage leased to it as it
 * queued them ({@link Outbox#queueAll}), which it only reads. A lease that runs out (the instance died before
 * sending) makes the message claimable by any relay again.
 */
@ApplicationScoped
public class RelayQueue {
    private static final Logger LOG = Logger.getLogger(RelayQueue.class);
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final String COLUMNS = """
            m.id, m.case_id, m.customer_id, m.recipient, m.template, m.body, m.attempts, m.channel, c.sms_consent,
            c.email_consent, c.email, c.preferred_channel, c.phone, m.reason, c.push_consent, c.push_token""";

    private final Jdbi jdbi;
    private final Clock clock;
    // Messages triage leased to this instance, waiting for their channel's run.
    private final Map<String, Queue<Long>> leased = Map.of(ChannelPlan.SMS, new ConcurrentLinkedQueue<>(),
            ChannelPlan.EMAIL, new ConcurrentLinkedQueue<>(), ChannelPlan.PUSH, new ConcurrentLinkedQueue<>());

    public RelayQueue(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** A queued message with what sending needs, and the owner's channels as they stand now. */
    record Claimed(OutboundMessage message, String channel, int attempts, boolean consent, List<String> plan,
                   Optional<String> email, String phone, Optional<String> pushToken, String reason) {
    }

    /** Until when a message claimed or leased at {@code now} is this instance's to send. */
    static Instant leaseFrom(Instant now) {
        return now.plus(LEASE);
    }

    /** Remembers messages leased to this instance (their transaction has committed), for their channel's run. */
    void leased(Outbox.Queued m) {
        Optional.ofNullable(leased.get(m.channel())).orElseThrow(() -> new IllegalArgumentException(
                "no relay for channel " + m.channel())).add(m.messageId());
    }

    /** Forgets the channel's leased messages: they wait out their lease and are then claimed the usual way. */
    void forgetLeased(String channel) {
        leased.get(channel).clear();
    }

    /** Up to {@code max} of the messages leased to this instance on the channel, read (they are ours already). */
    List<Claimed> nextLeased(String channel, int max) {
        Queue<Long> queue = leased.get(channel);
        List<Long> ids = new ArrayList<>();
        for (Long id = queue.poll(); id != null; id = ids.size() < max ? queue.poll() : null) {
            ids.add(id);
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(h -> h.select("SELECT " + COLUMNS + """
                 FROM messages m JOIN customers c ON c.id = m.customer_id
                WHERE m.id = ANY(?) AND m.status = 'QUEUED' AND m.channel = ? AND m.claimed_until > ?
                ORDER BY m.id""", ids.toArray(Long[]::new), channel, clock.instant())
                .map((rs, ctx) -> claimed(rs, channel)).list());
    }

    /**
     * Claims up to {@code size} due messages of the channel that nobody holds, oldest first, and up to {@code size}
     * whose lease lapsed (their instance died before sending). Each kind is read from its own partial index (V20),
     * so a claim never walks the messages other relays hold.
     */
    List<Claimed> claim(String channel, int size) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> h.select("""
                WITH fresh AS (
                       SELECT id FROM messages
                        WHERE status = 'QUEUED' AND claimed_until IS NULL AND channel = ? AND send_after <= ?
                        ORDER BY channel, send_after, id LIMIT ? FOR UPDATE SKIP LOCKED),
                     lapsed AS (
                       SELECT id FROM messages
                        WHERE status = 'QUEUED' AND claimed_until IS NOT NULL AND claimed_until < ? AND channel = ?
                          AND send_after <= ?
                        ORDER BY claimed_until LIMIT ? FOR UPDATE SKIP LOCKED)
                UPDATE messages m SET claimed_until = ?, attempts = attempts + 1
                  FROM customers c
                 WHERE c.id = m.customer_id AND m.id IN (SELECT id FROM fresh UNION ALL SELECT id FROM lapsed)
                RETURNING\s""" + COLUMNS, channel, now, size, now, channel, now, size, leaseFrom(now))
                .map((rs, ctx) -> claimed(rs, channel)).list());
    }

    /**
     * At shutdown: leased messages not sent yet go back to the queue now, for the other instances (or the next
     * start), rather than when their lease runs out. A run still sending may have taken some: their lease stands.
     */
    void releaseLeased() {
        List<Long> unsent = new ArrayList<>();
        leased.values().forEach(q -> {
            for (Long id = q.poll(); id != null; id = q.poll()) {
                unsent.add(id);
            }
        });
        if (unsent.isEmpty()) {
            return;
        }
        try {
            jdbi.useHandle(h -> h.execute("UPDATE messages SET claimed_until = NULL WHERE id = ANY(?)"
                    + " AND status = 'QUEUED'", (Object) unsent.toArray(Long[]::new)));
        } catch (RuntimeException e) {
            LOG.warnf("%d leased message(s) not released at shutdown (%s): they leave when their lease runs out",
                    unsent.size(), e.toString());
        }
    }

    /** A row of {@link #COLUMNS}: the message and its owner's channels as they stand now. */
    private static Claimed claimed(ResultSet rs, String channel) throws SQLException {
        boolean smsConsent = rs.getBoolean(9);
        boolean emailConsent = rs.getBoolean(10);
        boolean pushConsent = rs.getBoolean(15);
        Optional<String> address = Optional.ofNullable(rs.getString(11));
        Optional<String> pushToken = Optional.ofNullable(rs.getString(16));
        boolean consent = switch (channel) {
            case ChannelPlan.SMS -> smsConsent;
            case ChannelPlan.EMAIL -> emailConsent;
            default -> pushConsent;
        };
        return new Claimed(new OutboundMessage(rs.getLong(1), Optional.ofNullable((Long) rs.getObject(2)),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)), channel, rs.getInt(7),
                consent, ChannelPlan.order(rs.getString(12), smsConsent, emailConsent, address.isPresent(),
                        pushConsent, pushToken.isPresent()), address, rs.getString(13), pushToken,
                Optional.ofNullable(rs.getString(14)).orElse(""));
    }
}
