package io.petwatch.collector.outreach;

import io.petwatch.collector.config.PetwatchConfig;
import io.petwatch.collector.store.Jdbc;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Relays queued messages from the outbox table to the SMS provider. A message is claimed with a lease
 * ({@code FOR UPDATE SKIP LOCKED}), so two collector instances never send the same one at once; a failed send stays
 * QUEUED with its error and is retried with backoff, so a message is never lost. A crash after the provider took a
 * message but before it was marked SENT means one resend when the lease runs out: delivery is at least once.
 */
@ApplicationScoped
public class MessageRelay {
    private static final Logger LOG = Logger.getLogger(MessageRelay.class);
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

    private final Jdbc jdbc;
    private final SmsDispatcher sms;
    private final Clock clock;
    private final int batch;

    public MessageRelay(Jdbc jdbc, SmsDispatcher sms, Clock clock, PetwatchConfig config) {
        this.jdbc = jdbc;
        this.sms = sms;
        this.clock = clock;
        this.batch = config.outreach().relayBatch();
    }

    /** A queued message with what sending needs. */
    private record Claimed(SmsMessage message, int attempts, boolean consent) {
    }

    @Scheduled(every = "${petwatch.outreach.relay-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        wake();
    }

    /** Sends whatever is due now; returns how many messages were handed to the provider. */
    public int wake() {
        int sent = 0;
        for (List<Claimed> claimed = claim(); !claimed.isEmpty(); claimed = claim()) {
            for (Claimed c : claimed) {
                sent += deliver(c) ? 1 : 0;
            }
            if (claimed.size() < batch) {
                break;
            }
        }
        return sent;
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
                RETURNING m.id, m.case_id, m.customer_id, m.recipient, m.template, m.body, m.attempts, c.sms_consent""",
                rs -> new Claimed(new SmsMessage(rs.getLong(1), Optional.ofNullable((Long) rs.getObject(2)),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)), rs.getInt(7),
                        rs.getBoolean(8)),
                now.plus(LEASE), now, now, batch);
    }

    private boolean deliver(Claimed c) {
        SmsMessage m = c.message();
        // An owner who opted out after the message was queued is never texted, except to confirm the opt-out.
        if (!c.consent() && !m.template().equals("stop-confirmation")) {
            jdbc.update("UPDATE messages SET status = 'FAILED', error = ?, claimed_until = NULL WHERE id = ?",
                    "not sent: the owner opted out of texts before it left", m.messageId());
            m.caseId().ifPresent(id -> event(id, "MESSAGE_SUPPRESSED", "SMS " + m.template()
                    + " not sent: the owner opted out"));
            return false;
        }
        SmsReceipt receipt = sms.dispatch(m);
        Instant now = clock.instant();
        if (receipt.sent()) {
            jdbc.update("""
                    UPDATE messages SET status = 'SENT', sent_at = ?, provider_ref = ?, error = NULL, claimed_until = NULL
                     WHERE id = ?""", now, receipt.providerRef(), m.messageId());
            m.caseId().ifPresent(id -> {
                // The owner's four hours start when the text actually left.
                jdbc.update("""
                        UPDATE outreach_cases SET escalate_at = ?::timestamptz + escalate_after
                         WHERE id = ? AND status = 'AWAITING_OWNER' AND escalate_at IS NULL AND escalate_after IS NOT NULL""",
                        now, id);
                event(id, "MESSAGE_SENT", "SMS " + m.template() + " handed to the provider (" + receipt.providerRef()
                        .orElse("") + ")");
            });
            return true;
        }
        if (receipt.permanent()) {
            jdbc.update("UPDATE messages SET status = 'FAILED', error = ?, claimed_until = NULL WHERE id = ?",
                    receipt.error(), m.messageId());
            m.caseId().ifPresent(id -> event(id, "MESSAGE_FAILED", "SMS " + m.template() + " refused by the provider: "
                    + receipt.error().orElse("") + "; an agent must reach the owner another way"));
            return false;
        }
        Duration backoff = Duration.ofSeconds(Math.min(MAX_BACKOFF.toSeconds(), 5L << Math.min(c.attempts(), 10)));
        jdbc.update("UPDATE messages SET error = ?, send_after = ?, claimed_until = NULL WHERE id = ?",
                receipt.error(), now.plus(backoff), m.messageId());
        LOG.warnf("SMS %d (attempt %d) failed, stays queued, next try in %d s: %s", m.messageId(), c.attempts(),
                backoff.toSeconds(), receipt.error().orElse(""));
        return false;
    }

    private void event(long caseId, String kind, String detail) {
        jdbc.update("INSERT INTO case_events (case_id, kind, detail) VALUES (?, ?, ?)", caseId, kind, detail);
    }
}
