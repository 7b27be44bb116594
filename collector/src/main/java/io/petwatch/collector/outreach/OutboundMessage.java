package io.petwatch.collector.outreach;

import java.util.Optional;

/**
 * One message to one owner on one channel (a text, an email or a push), as queued in the outbox.
 *
 * @param to        the phone number, email address or app device token the channel sends to
 * @param messageId the outbox row; also the idempotency key a provider adapter may pass on
 * @param caseId    the case it belongs to; empty for replies to STOP, START and HELP
 */
public record OutboundMessage(long messageId, Optional<Long> caseId, String customerId, String to, String template,
                              String body) {
}
