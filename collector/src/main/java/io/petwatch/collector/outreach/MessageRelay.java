package io.petwatch.collector.outreach;

import io.petwatch.collector.config.PetwatchConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.Jdbi;

/**
 * Relays queued messages from the outbox table to the SMS, email and push providers, each channel in a run of its own
 * on the managed executor, so one provider's outage (its circuit breaker open, or its credentials rejected) never
 * holds up the others. A message is claimed with a lease ({@code FOR UPDATE SKIP LOCKED}), so two collector instances
 * never send the same one at once; a failed send stays QUEUED with its error and is retried with backoff. A crash
 * after the provider took a message but before it was marked SENT means one resend when the lease runs out: delivery
 * is at least once.
 */
@ApplicationScoped
public class MessageRelay {
    private static final Logger LOG = Logger.getLogger(MessageRelay.class);
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    private static final Duration RECORD_EVERY = Duration.ofMillis(250);
    private static final List<String> CHANNELS = List.of(ChannelPlan.SMS, ChannelPlan.EMAIL, ChannelPlan.PUSH);

    private final Jdbi jdbi;
    private final RelayOutcomes outcomes;
    private final ChannelStatus channels;
    private final Map<String, Sender> senders;
    private final ManagedExecutor executor;
    private final Clock clock;
    private final int batch;
    // One run per channel at a time; a nudge while it runs makes it look once more before it ends.
    private final Map<String, AtomicBoolean> running = Map.of(ChannelPlan.SMS, new AtomicBoolean(),
            ChannelPlan.EMAIL, new AtomicBoolean(), ChannelPlan.PUSH, new AtomicBoolean());
    private final Map<String, AtomicBoolean> again = Map.of(ChannelPlan.SMS, new AtomicBoolean(),
            ChannelPlan.EMAIL, new AtomicBoolean(), ChannelPlan.PUSH, new AtomicBoolean());
    private final AtomicBoolean stopping = new AtomicBoolean();
    // Messages triage leased to this instance as it queued them, waiting for their channel's run.
    private final Map<String, Queue<Long>> leased = Map.of(ChannelPlan.SMS, new ConcurrentLinkedQueue<>(),
            ChannelPlan.EMAIL, new ConcurrentLinkedQueue<>(), ChannelPlan.PUSH, new ConcurrentLinkedQueue<>());

    /** One channel's way out. */
    private interface Sender {
        SendReceipt send(OutboundMessage message);
    }

    public MessageRelay(Jdbi jdbi, RelayOutcomes outcomes, ChannelStatus channels, SmsDispatcher sms,
                        EmailDispatcher email, PushDispatcher push, ManagedExecutor executor, Clock clock,
                        PetwatchConfig config) {
        this.jdbi = jdbi;
        this.outcomes = outcomes;
        this.channels = channels;
        this.senders = Map.of(ChannelPlan.SMS, sms::dispatch,
                ChannelPlan.EMAIL, m -> email.dispatch(m, "A note from PetWatch"),
                ChannelPlan.PUSH, m -> push.dispatch(m, "PetWatch"));
        this.executor = executor;
        this.clock = clock;
        this.batch = config.outreach().relayBatch();
    }

    /** A queued message with what sending needs, and the owner's channels as they stand now. */
    record Claimed(OutboundMessage message, String channel, int attempts, boolean consent, List<String> plan,
                   Optional<String> email, String phone, Optional<String> pushToken, String reason) {
    }

    @Scheduled(every = "${petwatch.outreach.relay-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        nudge();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping.set(true); // at shutdown the pool closes: no new run may start into it
        // Leased messages not sent yet go back to the queue now, for the other instances (or the next start), rather
        // than when their lease runs out. A run still sending may have taken some: their lease stands.
        List<Long> unsent = new ArrayList<>();
        leased.values().forEach(q -> {
            for (Long id = q.poll(); id != null; id = q.poll()) {
                unsent.add(id);
            }
        });
        if (!unsent.isEmpty()) {
            try {
                jdbi.useHandle(h -> h.execute("UPDATE messages SET claimed_until = NULL WHERE id = ANY(?)"
                        + " AND status = 'QUEUED'", (Object) unsent.toArray(Long[]::new)));
            } catch (RuntimeException e) {
                LOG.warnf("%d leased message(s) not released at shutdown (%s): they leave when their lease runs out",
                        unsent.size(), e.toString());
            }
        }
    }

    /** Until when a message claimed or leased at {@code now} is this instance's to send. */
    static Instant leaseFrom(Instant now) {
        return now.plus(LEASE);
    }

    /**
     * Sends messages leased to this instance when they were queued ({@link Outbox#queueAll}), once their transaction
     * has committed: they leave with their channel's next run, without a claim.
     */
    public void sendLeased(List<Outbox.Queued> messages) {
        for (Outbox.Queued m : messages) {
            Optional.ofNullable(leased.get(m.channel())).orElseThrow(() -> new IllegalArgumentException(
                    "no relay for channel " + m.channel())).add(m.messageId());
        }
        nudge();
    }

    /** Asks for a relay run of every channel soon, on the managed executor; nudges during a run share it. */
    public void nudge() {
        for (String channel : CHANNELS) {
            again.get(channel).set(true);
            if (!stopping.get() && running.get(channel).compareAndSet(false, true)) {
                executor.execute(() -> runChannel(channel));
            }
        }
    }

    private void runChannel(String channel) {
        try {
            while (!stopping.get() && again.get(channel).getAndSet(false)) {
                relay(channel);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s relay run failed; the next tick tries again", channel);
        } finally {
            running.get(channel).set(false);
        }
    }

    /** Sends whatever is due now on every channel, on the caller's thread; returns how many messages left. */
    public int wake() {
        int sent = 0;
        for (String channel : CHANNELS) {
            sent += relay(channel);
        }
        return sent;
    }

    /** Sends what is due on one channel, unless it is down and not yet due for a probe. */
    private int relay(String channel) {
        ChannelStatus.State state = channels.recent(Duration.ofSeconds(1)).stream()
                .filter(s -> s.channel().equals(channel)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no channel_status row for " + channel));
        if (!channels.sendable(state, clock.instant())) {
            // Leased messages wait out their lease, then go the usual way once the channel is back.
            leased.get(channel).clear();
            return 0;
        }
        int sent = 0;
        if (state.up()) {
            for (List<Claimed> mine = leasedBatch(channel); !mine.isEmpty(); mine = leasedBatch(channel)) {
                Optional<Integer> all = send(channel, mine);
                if (all.isEmpty()) {
                    return sent; // the channel went down: the rest of the leased wait out their lease
                }
                sent += all.get();
            }
        }
        // A channel that is down gets one message as a probe; the rest wait for its answer.
        int size = state.up() ? batch : 1;
        for (List<Claimed> claimed = claim(channel, size); !claimed.isEmpty(); claimed = claim(channel, size)) {
            Optional<Integer> all = send(channel, claimed);
            if (all.isEmpty()) {
                return sent;
            }
            sent += all.get();
            if (!state.up() && all.get() > 0) {
                channels.up(channel);
                size = batch;
                state = new ChannelStatus.State(channel, true, Optional.empty(), clock.instant(), Optional.empty());
            } else if (claimed.size() < size || !state.up()) {
                break;
            }
        }
        return sent;
    }

    /**
     * Sends claimed messages one by one and records what left; how many were sent, or empty when the provider
     * rejected our credentials (the channel is then down and the rest of these go back to the queue).
     */
    private Optional<Integer> send(String channel, List<Claimed> claimed) {
        int sent = 0;
        List<RelayOutcomes.Sent> unrecorded = new ArrayList<>();
        for (int i = 0; i < claimed.size(); i++) {
            Claimed c = claimed.get(i);
            Optional<SendReceipt> receipt = deliver(c);
            if (receipt.isPresent() && receipt.get().credentialFault()) {
                channels.down(channel, receipt.get().error().orElse("credentials rejected"));
                outcomes.requeue(claimed.subList(i, claimed.size()).stream().map(x -> x.message().messageId())
                        .toList(), "not sent: " + channel + " is down, the provider rejected our credentials");
                record(unrecorded);
                return Optional.empty();
            }
            receipt.filter(SendReceipt::sent).ifPresent(r -> unrecorded.add(new RelayOutcomes.Sent(
                    c.message().messageId(), clock.instant(), r.providerRef().orElse(""))));
            // A slow provider must not leave many messages sent but not yet marked (each would be resent after
            // a crash), so the marks go out at least every RECORD_EVERY.
            if (!unrecorded.isEmpty() && unrecorded.get(0).at().plus(RECORD_EVERY).isBefore(clock.instant())) {
                sent += record(unrecorded);
            }
        }
        return Optional.of(sent + record(unrecorded));
    }

    /** Up to a batch of the messages leased to this instance on the channel, read (not claimed: they are ours). */
    private List<Claimed> leasedBatch(String channel) {
        Queue<Long> queue = leased.get(channel);
        List<Long> ids = new ArrayList<>();
        for (Long id = queue.poll(); id != null; id = ids.size() < batch ? queue.poll() : null) {
            ids.add(id);
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(h -> h.select("SELECT " + CLAIMED_COLUMNS + """
                 FROM messages m JOIN customers c ON c.id = m.customer_id
                WHERE m.id = ANY(?) AND m.status = 'QUEUED' AND m.channel = ? AND m.claimed_until > ?
                ORDER BY m.id""", ids.toArray(Long[]::new), channel, clock.instant())
                .map((rs, ctx) -> claimed(rs, channel)).list());
    }

    private int record(List<RelayOutcomes.Sent> unrecorded) {
        int count = outcomes.sent(List.copyOf(unrecorded));
        unrecorded.clear();
        return count;
    }

    private List<Claimed> claim(String channel, int size) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> h.select("""
                UPDATE messages m SET claimed_until = ?, attempts = attempts + 1
                  FROM customers c
                 WHERE c.id = m.customer_id AND m.id IN (
                       SELECT id FROM messages
                        WHERE status = 'QUEUED' AND channel = ? AND send_after <= ?
                          AND (claimed_until IS NULL OR claimed_until < ?)
                        ORDER BY send_after, id LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING\s""" + CLAIMED_COLUMNS, leaseFrom(now), channel, now, now, size)
                .map((rs, ctx) -> claimed(rs, channel)).list());
    }

    private static final String CLAIMED_COLUMNS = """
            m.id, m.case_id, m.customer_id, m.recipient, m.template, m.body, m.attempts, m.channel, c.sms_consent,
            c.email_consent, c.email, c.preferred_channel, c.phone, m.reason, c.push_consent, c.push_token""";

    /** A row of {@link #CLAIMED_COLUMNS}: the message and its owner's channels as they stand now. */
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

    /** Tries one message; the receipt, or empty when it was not tried (the owner opted out meanwhile). */
    private Optional<SendReceipt> deliver(Claimed c) {
        OutboundMessage m = c.message();
        // An owner who opted out after the message was queued is never reached on that channel, except to confirm
        // the opt-out; the step falls back to their next consented channel, if any.
        if (!c.consent() && !m.template().equals("stop-confirmation")) {
            outcomes.failed(m, c.channel(), "not sent: the owner opted out of " + c.channel() + " before it left",
                    "MESSAGE_SUPPRESSED", fallback(c), "the owner opted out of " + c.channel());
            return Optional.empty();
        }
        SendReceipt receipt = senders.get(c.channel()).send(m);
        if (receipt.permanent()) {
            String error = receipt.error().orElse("");
            outcomes.failed(m, c.channel(), "refused by the provider: " + error, "MESSAGE_FAILED", fallback(c),
                    c.channel() + " refused: " + error);
        } else if (!receipt.sent() && !receipt.credentialFault()) {
            Duration backoff = Duration.ofSeconds(Math.min(MAX_BACKOFF.toSeconds(), 5L << Math.min(c.attempts(), 10)));
            outcomes.retryLater(m.messageId(), receipt.error().orElse(""), clock.instant().plus(backoff));
            LOG.warnf("%s %d (attempt %d) failed, stays queued, next try in %d s: %s", c.channel(), m.messageId(),
                    c.attempts(), backoff.toSeconds(), receipt.error().orElse(""));
        }
        return Optional.of(receipt);
    }

    /** The same step on the owner's next consented channel, if the step belongs to a case and there is one. */
    private Optional<Outbox.Message> fallback(Claimed c) {
        OutboundMessage m = c.message();
        return m.caseId().flatMap(caseId -> ChannelPlan.after(c.plan(), c.channel()).map(next -> new Outbox.Message(
                next, m.caseId(), m.customerId(), ChannelPlan.recipient(next, c.phone(), c.email(), c.pushToken()),
                m.template(), m.body(), clock.instant(), c.reason())));
    }
}
