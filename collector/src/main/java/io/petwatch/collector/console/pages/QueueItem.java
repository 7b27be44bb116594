package io.petwatch.collector.console.pages;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One line of the agents' queue: a case waiting for its owner, escalated or held by a storm, or an owner's reply a
 * person must read (with or without a case).
 *
 * @param due      when it must be acted on: the 4 h timer for a case waiting for its owner, the agent SLA after the
 *                 escalation or the reply otherwise
 * @param waitingFor what the line waits for, in words ("owner's answer", "an agent", "an operator")
 * @param petName  the pet a collar's case is about; "" for a reply without a case and for a retail case
 * @param about    a retail case's signal and subject ("DELIVERY 1Z999"); empty for a collar's case or a reply
 */
public record QueueItem(Optional<Long> caseId, Optional<Long> taskId, String kind, Optional<String> severity,
                        String status, String petName, String ownerName, String ownerZone,
                        Optional<String> taskReason, Optional<String> reply, Instant since, Instant due,
                        Optional<String> assignedTo, String waitingFor, Optional<String> about) {

    /** A line about a pet, or a reply. */
    public QueueItem(Optional<Long> caseId, Optional<Long> taskId, String kind, Optional<String> severity,
                     String status, String petName, String ownerName, String ownerZone, Optional<String> taskReason,
                     Optional<String> reply, Instant since, Instant due, Optional<String> assignedTo,
                     String waitingFor) {
        this(caseId, taskId, kind, severity, status, petName, ownerName, ownerZone, taskReason, reply, since, due,
                assignedTo, waitingFor, Optional.empty());
    }

    public boolean heldByStorm() {
        return status.equals("HELD");
    }

    /** "in 42 min", "3 h 5 min late": what the agent reads first. */
    public String timeLeft(Instant now) {
        Duration left = Duration.between(now, due);
        String amount = amount(left.abs());
        return left.isNegative() ? amount + " late" : "in " + amount;
    }

    public boolean late(Instant now) {
        return due.isBefore(now);
    }

    public boolean heldBy(String user) {
        return assignedTo.filter(user::equals).isPresent();
    }

    private static String amount(Duration d) {
        long minutes = d.toMinutes();
        if (minutes < 60) {
            return minutes + " min";
        }
        return minutes / 60 + " h " + minutes % 60 + " min";
    }
}
