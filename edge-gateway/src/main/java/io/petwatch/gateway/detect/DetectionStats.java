package io.petwatch.gateway.detect;

/** Counters of what detection has seen, for logs, the demo and tests. */
public record DetectionStats(long batches, long minutesAccepted, long minutesDuplicate, long minutesRejected,
                             long alertsRaised, int collars) {
}
