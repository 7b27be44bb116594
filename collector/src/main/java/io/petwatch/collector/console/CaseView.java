package io.petwatch.collector.console;

import java.time.Instant;
import java.util.Optional;

/**
 * An outreach case, with who it is about, why it was opened and where it stands.
 *
 * @param holder   who must act next: {@code owner} (waiting for their answer), {@code agent} (escalated, or an
 *                 owner's reply a person must read), {@code operator} (held by a fleet incident), or {@code none}
 * @param task     the open task an owner's reply made, if any
 */
public record CaseView(long id, String openedByAlert, String customerId, String ownerName, String petId,
                       String petName, String collarId, String kind, Optional<String> severity, Instant episodeStart,
                       String status, String decision, Instant openedAt, Optional<Instant> escalateAt,
                       Optional<Instant> respondedAt, Optional<Instant> escalatedAt, Optional<Instant> closedAt,
                       Optional<String> outcome, Optional<String> outcomeBy, String holder, Optional<TaskView> task) {

    /** An owner's reply waiting for a person. */
    public record TaskView(long id, String reason, String reply, Instant openedAt) {
    }

    static String holder(String status, boolean openTask) {
        return switch (status) {
            case "ESCALATED" -> "agent";
            case "HELD" -> "operator";
            case "AWAITING_OWNER" -> openTask ? "agent" : "owner";
            case "OWNER_RESPONDED" -> openTask ? "agent" : "none";
            default -> "none";
        };
    }
}
