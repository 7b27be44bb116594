package io.petwatch.collector.outreach;

import io.petwatch.collector.config.PetwatchConfig;
import io.petwatch.collector.outreach.RelayQueue.Claimed;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * Relays queued messages from the outbox table to the SMS, email and push providers, each channel in a run of its own
 * on the managed executor, so one provider's outage (its circuit breaker open, or its credentials rejected) never
 * holds up the others. It sends what triage leased to this instance, and claims the rest with a lease
 * ({@link RelayQueue}), so two collector instances never send the same message at once; a failed send stays QUEUED
 * with its error and is retried with backoff. A crash after the provider took a message but before it was marked SENT
 * means one resend when the lease runs out: delivery is at least once.
 */
@ApplicationScoped
public class MessageRelay {
    private static final Logger LOG = Logger.getLogger(MessageRelay.class);
    /** How long shutdown waits for a run that is sending. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    private static final Duration RECORD_EVERY = Duration.ofMillis(250);
    private static final List<String> CHANNELS = List.of(ChannelPlan.SMS, ChannelPlan.EMAIL, ChannelPlan.PUSH);

    private final RelayQueue queue;
    private final RelayOutcomes outcomes;
    private final ChannelStatus channels;
    private final Map<String, Sender> senders;
    private final ManagedExecutor executor;
    private final Clock clock;
    private final int batch;
    // One run per channel at a time; a nudge while it runs makes it look once more before it ends.
    private final Map<String, AtomicBoolean> running = perChannel();
    private final Map<String, AtomicBoolean> again = perChannel();
    // Whether the next run also claims from the outbox: not when it was only asked to send what triage leased it (an
    // empty claim still walks the queue's index, which cost more than sending when texts were many).
    private final Map<String, AtomicBoolean> claimToo = perChannel();
    private final AtomicBoolean stopping = new AtomicBoolean();

    /** One channel's way out. */
    private interface Sender {
        SendReceipt send(OutboundMessage message);
    }

    public MessageRelay(RelayQueue queue, RelayOutcomes outcomes, ChannelStatus channels, SmsDispatcher sms,
                        EmailDispatcher email, PushDispatcher push, ManagedExecutor executor, Clock clock,
                        PetwatchConfig config) {
        this.queue = queue;
        this.outcomes = outcomes;
        this.channels = channels;
        this.senders = Map.of(ChannelPlan.SMS, sms::dispatch,
                ChannelPlan.EMAIL, m -> email.dispatch(m, "A note from PetWatch"),
                ChannelPlan.PUSH, m -> push.dispatch(m, "PetWatch"));
        this.executor = executor;
        this.clock = clock;
        this.batch = config.outreach().relayBatch();
    }

    private static Map<String, AtomicBoolean> perChannel() {
        return Map.of(ChannelPlan.SMS, new AtomicBoolean(), ChannelPlan.EMAIL, new AtomicBoolean(),
                ChannelPlan.PUSH, new AtomicBoolean());
    }

    @Scheduled(every = "${petwatch.outreach.relay-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        nudge();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping.set(true); // at shutdown the pool closes: no new run may start into it
        // A run already sending finishes its message before the pool goes (bounded: a provider may hang).
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        while (running.values().stream().anyMatch(AtomicBoolean::get) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        queue.releaseLeased();
    }

    /**
     * Sends messages leased to this instance when they were queued ({@link Outbox#queueAll}), once their transaction
     * has committed: they leave with their channel's next run, without a claim.
     */
    public void sendLeased(List<Outbox.Queued> messages) {
        messages.forEach(queue::leased);
        messages.stream().map(Outbox.Queued::channel).distinct().forEach(this::run);
    }

    /** Asks for a relay run of every channel soon, on the managed executor; nudges during a run share it. */
    public void nudge() {
        for (String channel : CHANNELS) {
            claimToo.get(channel).set(true);
            run(channel);
        }
    }

    private void run(String channel) {
        again.get(channel).set(true);
        startRun(channel);
    }

    private void startRun(String channel) {
        if (!stopping.get() && running.get(channel).compareAndSet(false, true)) {
            executor.execute(() -> runChannel(channel));
        }
    }

    private void runChannel(String channel) {
        try {
            while (!stopping.get() && again.get(channel).getAndSet(false)) {
                relay(channel, claimToo.get(channel).getAndSet(false));
            }
        } catch (RuntimeException e) {
            if (stopping.get()) {
                // Shutdown closed the pool under a run that outlasted the wait: its messages stay QUEUED.
                LOG.infof("%s relay run ended by shutdown (%s); its messages stay queued", channel, e.toString());
            } else {
                LOG.errorf(e, "%s relay run failed; the next tick tries again", channel);
            }
        } finally {
            running.get(channel).set(false);
            // A nudge between the loop's last look and the line above found the run still going and started none:
            // look once more, or its texts would wait for the next tick (up to relay-interval late; at 2,000 texts a
            // second that was most of the time to notify).
            if (again.get(channel).get()) {
                startRun(channel);
            }
        }
    }

    /** Sends whatever is due now on every channel, on the caller's thread; returns how many messages left. */
    public int wake() {
        int sent = 0;
        for (String channel : CHANNELS) {
            sent += relay(channel, true);
        }
        return sent;
    }

    /**
     * Sends what is due on one channel, unless it is down and not yet due for a probe: what triage leased to this
     * instance, then (if {@code claim}) what it claims from the outbox.
     */
    private int relay(String channel, boolean claim) {
        ChannelStatus.State state = channels.recent(Duration.ofSeconds(1)).stream()
                .filter(s -> s.channel().equals(channel)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no channel_status row for " + channel));
        if (!channels.sendable(state, clock.instant())) {
            // Leased messages wait out their lease, then go the usual way once the channel is back.
            queue.forgetLeased(channel);
            return 0;
        }
        int sent = 0;
        if (state.up()) {
            for (List<Claimed> mine = queue.nextLeased(channel, batch); !mine.isEmpty();
                 mine = queue.nextLeased(channel, batch)) {
                Optional<Integer> all = send(channel, mine);
                if (all.isEmpty()) {
                    return sent; // the channel went down: the rest of the leased wait out their lease
                }
                sent += all.get();
            }
        }
        if (!claim) {
            return sent;
        }
        // A channel that is down gets one message as a probe; the rest wait for its answer.
        int size = state.up() ? batch : 1;
        for (List<Claimed> claimed = queue.claim(channel, size); !claimed.isEmpty();
             claimed = queue.claim(channel, size)) {
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

    private int record(List<RelayOutcomes.Sent> unrecorded) {
        int count = outcomes.sent(List.copyOf(unrecorded));
        unrecorded.clear();
        return count;
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
