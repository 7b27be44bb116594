package io.petwatch.collector.outreach;

import io.petwatch.collector.config.PetwatchConfig;
import io.petwatch.collector.playbook.CaseStore;
import io.petwatch.collector.playbook.ChannelPlan;
import io.petwatch.collector.store.Jdbc;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Relays queued messages from the outbox table to the SMS, email and push providers. A message is claimed with a lease
 * ({@code FOR UPDATE SKIP LOCKED}), so two collector instances never send the same one at once; a failed send stays
 * QUEUED with its error and is retried with backoff, so a message is never lost. A crash after the provider took a
 * message but before it was marked SENT means one resend when the lease runs out: delivery is at least once.
 */
@ApplicationScoped
public class MessageRelay {
    private static final Logger LOG = Logger.getLogger(MessageRelay.class);
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    private static final Duration RECORD_EVERY = Duration.ofMillis(250);

    private final Jdbc jdbc;
    private final CaseStore cases;
    private final SentMessages sentMessages;
    private final SmsDispatcher sms;
    private final EmailDispatcher email;
    private final PushDispatcher push;
    private final Clock clock;
    private final int batch;
    // Nudges run here, off the caller's thread: a slow or failing provider must never stall triage or a webhook.
    private final ExecutorService nudges = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "message-relay");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean nudged = new AtomicBoolean();

    public MessageRelay(Jdbc jdbc, CaseStore cases, SentMessages sentMessages, SmsDispatcher sms,
                        EmailDispatcher email, PushDispatcher push, Clock clock, PetwatchConfig config) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.sentMessages = sentMessages;
        this.sms = sms;
        this.email = email;
        this.push = push;
        this.clock = clock;
        this.batch = config.outreach().relayBatch();
    }

    /** A queued message with what sending needs, and the owner's channels as they stand now. */
    private record Claimed(OutboundMessage message, String channel, int attempts, boolean consent, List<String> plan,
                           Optional<String> email, String phone, Optional<String> pushToken, String reason) {
    }

    @Scheduled(every = "${petwatch.outreach.relay-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        wake();
    }

    /** Asks for a relay run soon, on the relay's own thread; nudges that arrive before it starts share one run. */
    public void nudge() {
        if (nudged.compareAndSet(false, true)) {
            nudges.execute(() -> {
                nudged.set(false);
                try {
                    wake();
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Message relay run failed; the next tick tries again");
                }
            });
        }
    }

    @PreDestroy
    void stop() {
        nudges.shutdownNow();
    }

    /** Sends whatever is due now, on the caller's thread; returns how many messages were handed to the provider. */
    public int wake() {
        int sent = 0;
        for (List<Claimed> claimed = claim(); !claimed.isEmpty(); claimed = claim()) {
            List<SentMessages.Sent> unrecorded = new ArrayList<>();
            for (Claimed c : claimed) {
                deliver(c).ifPresent(unrecorded::add);
                // A slow provider must not leave many texts sent but not yet marked (each would be resent after a
                // crash), so the marks go out at least every RECORD_EVERY.
                if (!unrecorded.isEmpty() && unrecorded.get(0).at().plus(RECORD_EVERY).isBefore(clock.instant())) {
                    sent += record(unrecorded);
                }
            }
            sent += record(unrecorded);
            if (claimed.size() < batch) {
                break;
            }
        }
        return sent;
    }

    private int record(List<SentMessages.Sent> unrecorded) {
        int count = sentMessages.mark(unrecorded);
        unrecorded.clear();
        return count;
    }

    private List<Claimed> claim() {
        Instant now = clock.instant();
        return jdbc.query("""
                UPDATE messages m SET claimed_until = ?, attempts = attempts + 1
                  FROM customers c
                 WHERE c.id = m.customer_id AND m.id IN (
                       SELECT id FROM messages
                        WHERE status = 'QUEUED' AND send_after <= ? AND (claimed_until IS NULL OR claimed_until < ?)
                        ORDER BY send_after, id LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING m.id, m.case_id, m.customer_id, m.recipient, m.template, m.body, m.attempts, m.channel,
                          c.sms_consent, c.email_consent, c.email, c.preferred_channel, c.phone, m.reason,
                          c.push_consent, c.push_token""",
                rs -> {
                    String channel = rs.getString(8);
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
                },
                now.plus(LEASE), now, now, batch);
    }

    private Optional<SentMessages.Sent> deliver(Claimed c) {
        OutboundMessage m = c.message();
        // An owner who opted out after the message was queued is never reached on that channel, except to confirm
        // the opt-out; the step falls back to their next consented channel, if any.
        if (!c.consent() && !m.template().equals("stop-confirmation")) {
            jdbc.update("UPDATE messages SET status = 'FAILED', error = ?, claimed_until = NULL WHERE id = ?",
                    "not sent: the owner opted out of " + c.channel() + " before it left", m.messageId());
            m.caseId().ifPresent(id -> event(id, "MESSAGE_SUPPRESSED", c.channel() + " " + m.template()
                    + " not sent: the owner opted out"));
            fallBack(c, "the owner opted out of " + c.channel());
            return Optional.empty();
        }
        SendReceipt receipt = switch (c.channel()) {
            case ChannelPlan.EMAIL -> email.dispatch(m, "A note from PetWatch");
            case ChannelPlan.PUSH -> push.dispatch(m, "PetWatch");
            default -> sms.dispatch(m);
        };
        Instant now = clock.instant();
        if (receipt.sent()) {
            return Optional.of(new SentMessages.Sent(m.messageId(), now, receipt.providerRef().orElse("")));
        }
        if (receipt.permanent()) {
            jdbc.update("UPDATE messages SET status = 'FAILED', error = ?, claimed_until = NULL WHERE id = ?",
                    receipt.error(), m.messageId());
            m.caseId().ifPresent(id -> event(id, "MESSAGE_FAILED", c.channel() + " " + m.template()
                    + " refused by the provider: " + receipt.error().orElse("")));
            fallBack(c, c.channel() + " refused: " + receipt.error().orElse(""));
            return Optional.empty();
        }
        Duration backoff = Duration.ofSeconds(Math.min(MAX_BACKOFF.toSeconds(), 5L << Math.min(c.attempts(), 10)));
        jdbc.update("UPDATE messages SET error = ?, send_after = ?, claimed_until = NULL WHERE id = ?",
                receipt.error(), now.plus(backoff), m.messageId());
        LOG.warnf("%s %d (attempt %d) failed, stays queued, next try in %d s: %s", c.channel(), m.messageId(),
                c.attempts(), backoff.toSeconds(), receipt.error().orElse(""));
        return Optional.empty();
    }

    /** The same step on the owner's next consented channel, queued only now that this one failed for good. */
    private void fallBack(Claimed c, String why) {
        OutboundMessage m = c.message();
        if (m.caseId().isEmpty()) {
            return; // replies to keywords belong to the channel they came in on
        }
        Optional<String> next = ChannelPlan.after(c.plan(), c.channel());
        if (next.isEmpty()) {
            event(m.caseId().get(), "NO_CHANNEL_LEFT", why + "; no other consented channel: an agent must reach the"
                    + " owner another way");
            return;
        }
        String recipient = ChannelPlan.recipient(next.get(), c.phone(), c.email(), c.pushToken());
        if (cases.queueMessage(next.get(), m.caseId(), m.customerId(), recipient, m.template(), m.body(),
                clock.instant(), c.reason())) {
            event(m.caseId().get(), "CHANNEL_FALLBACK", why + "; the same message goes by " + next.get());
        }
    }

    private void event(long caseId, String kind, String detail) {
        cases.event(caseId, kind, detail);
    }
}
