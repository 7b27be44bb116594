package io.petwatch.collector.console;

import java.time.Instant;
import java.util.Optional;

/**
 * A message to an owner as it stands in the outbox: QUEUED (waiting, or retrying with its last error), SENT, or
 * FAILED for good (with why, such as an opt-out before it left).
 */
public record MessageView(long id, Optional<Long> caseId, String customerId, String channel, String recipient,
                          String template, String body, String status, Optional<String> providerRef,
                          Optional<String> error, Instant createdAt, Instant sendAfter, Optional<Instant> sentAt,
                          int attempts, Optional<String> reason) {
}
