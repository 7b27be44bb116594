package io.petwatch.sim.play;

import java.time.Duration;

/**
 * How the player paces the actions.
 *
 * @param speed            simulated time against wall time
 * @param rate             most sends a second, all collars together
 * @param perCollarInFlight most sends of one collar waiting for their answer; 1 is a firmware that waits for each
 *                         PUBACK before its next batch
 * @param totalInFlight    most sends of all collars waiting for their answer
 * @param deliveryTimeout  how long a send may wait for its collar to be online; a send still unanswered after it no
 *                         longer holds its in-flight place (its answer is still counted when it comes)
 */
public record PlayLimits(Speed speed, int rate, int perCollarInFlight, int totalInFlight, Duration deliveryTimeout) {
    public PlayLimits {
        if (rate < 1) {
            throw new IllegalArgumentException("rate must be at least 1 batch per second, was " + rate);
        }
        if (perCollarInFlight < 1) {
            throw new IllegalArgumentException("in flight per collar must be at least 1, was " + perCollarInFlight);
        }
        if (totalInFlight < 1) {
            throw new IllegalArgumentException("in flight in all must be at least 1, was " + totalInFlight);
        }
        if (deliveryTimeout.isNegative() || deliveryTimeout.isZero()) {
            throw new IllegalArgumentException("delivery timeout must be positive, was " + deliveryTimeout);
        }
    }
}
