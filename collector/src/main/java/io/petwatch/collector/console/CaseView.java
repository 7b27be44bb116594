package io.petwatch.collector.console;

import java.time.Instant;
import java.util.Optional;

/**
 * An outreach case, with who it is about, why it was opened and where it stands. A collar's case is about a pet
 * ({@code petId}, {@code petName}, {@code collarId}); a retail trigger's about the customer's {@code subject} (a
 * subscription, a tracking code, a survey response), with {@code signal} PAYMENT, DELIVERY or SURVEY and no pet.
 *
 * @param rule     the playbook rule's script that applied, if one did (cases opened before issue 18 have none)
 * @param holder   who must act next: {@code owner} (waiting for their answer), {@code agent} (escalated, or an
 *                 owner's reply a person must read), {@code operator} (held by a fleet incident), or {@code none}
 * @param task     the open task an owner's reply made, if any
 */
public record CaseView(long id, String openedByAlert, String customerId, String ownerName, Optional<String> petId,
                       Optional<String> petName, Optional<String> collarId, String kind, Optional<String> severity,
                       Instant episodeStart, String status, String decision, Instant openedAt,
                       Optional<Instant> escalateAt, Optional<Instant> respondedAt, Optional<Instant> escalatedAt,
                       Optional<Instant> closedAt, Optional<String> outcome, Optional<String> outcomeBy, String holder,
                       Optional<TaskView> task, String signal, Optional<String> subject, Optional<String> rule) {

    /** What the case is about, in a few words: the pet's name, or the signal and its subject ("DELIVERY 1Z999"). */
    public String about() {
        return petName.orElseGet(() -> signal + " " + subject.orElse(""));
    }

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
