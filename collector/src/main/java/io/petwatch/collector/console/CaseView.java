package io.petwatch.collector.console;

import java.time.Instant;
import java.util.Optional;

/** An outreach case, with who it is about, why it was opened and where it stands. */
public record CaseView(long id, String openedByAlert, String customerId, String ownerName, String petId,
                       String petName, String collarId, String kind, Optional<String> severity, Instant episodeStart,
                       String status, String decision, Instant openedAt, Optional<Instant> escalateAt,
                       Optional<Instant> respondedAt, Optional<Instant> escalatedAt, Optional<Instant> closedAt,
                       Optional<String> outcome, Optional<String> outcomeBy) {
}
