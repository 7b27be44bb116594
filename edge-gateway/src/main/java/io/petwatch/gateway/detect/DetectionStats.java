package io.petwatch.gateway.detect;

/**
 * Counters of what detection has seen, for logs, the demo and tests.
 *
 * @param minutesDuplicate minutes dropped as already received (whole re-sent batches included)
 * @param duplicateBatches batches dropped whole: same seq as one received, no newer data
 * @param seqSkipped       batches missing from collars' seq runs when later ones arrived: lost on the way, or late
 * @param lateBatches      batches whose seq was not above the collar's highest so far (re-sent or reordered)
 * @param warmingUp        collars whose normal is not learned yet: no health alert for them until it is
 */
public record DetectionStats(long batches, long minutesAccepted, long minutesDuplicate, long minutesRejected,
                             long duplicateBatches, long seqSkipped, long lateBatches, long alertsRaised,
                             int collars, int warmingUp) {
}
