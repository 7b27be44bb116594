package io.petwatch.collector.console;

import java.time.Instant;
import java.util.Optional;

/** An outreach case, with who it is about and why it was opened. */
public record CaseView(long id, String openedByAlert, String customerId, String ownerName, String petId,
                       String petName, String collarId, String kind, Instant episodeStart, String status,
                       String decision, Instant openedAt, Optional<Instant> escalateAt, Optional<Instant> closedAt,
                       Optional<String> outcome) {
}
