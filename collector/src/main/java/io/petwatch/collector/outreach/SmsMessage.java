package io.petwatch.collector.outreach;

import java.util.Optional;

/**
 * A text to one owner, as queued in the outbox.
 *
 * @param messageId the outbox row; also the idempotency key a provider adapter may pass on
 * @param caseId    the case it belongs to; empty for replies to STOP, START and HELP
 */
public record SmsMessage(long messageId, Optional<Long> caseId, String customerId, String to, String template,
                         String body) {
}
