package io.petwatch.collector.console;

import java.time.Instant;
import java.util.Optional;

/** A message sent (or attempted) to an owner. */
public record MessageView(long id, long caseId, String customerId, String channel, String recipient, String template,
                          String body, String status, Optional<String> providerRef, Optional<String> error,
                          Instant createdAt) {
}
