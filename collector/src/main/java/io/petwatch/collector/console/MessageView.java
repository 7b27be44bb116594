package io.petwatch.collector.console;

import java.time.Instant;

/** A message sent (or attempted) to an owner. */
public record MessageView(long id, long caseId, String customerId, String channel, String recipient, String template,
                          String body, String status, String providerRef, String error, Instant createdAt) {
}
