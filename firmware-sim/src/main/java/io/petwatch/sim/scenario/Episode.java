package io.petwatch.sim.scenario;

import java.time.Duration;
import java.time.Instant;

/**
 * Ground truth: something injected into one collar's data between two event-time instants.
 *
 * @param factor how the pet's activity is multiplied while the episode lasts (once its ramp is over)
 * @param ramp   how long the activity takes to fall (or rise) linearly from normal to {@code factor}: zero for a
 *               change at once (lethargy), weeks for a slow decline
 */
public record Episode(String collarId, String kind, Instant start, Instant end, double factor, Duration ramp) {
    public static final String LETHARGY = "lethargy";
    public static final String DECLINE = "decline";

    public Episode {
        if (ramp.isNegative() || ramp.compareTo(Duration.between(start, end)) > 0) {
            throw new IllegalArgumentException("an episode's ramp must be within the episode, was " + ramp);
        }
    }

    /** A change at once. */
    public Episode(String collarId, String kind, Instant start, Instant end, double factor) {
        this(collarId, kind, start, end, factor, Duration.ZERO);
    }

    public boolean covers(Instant minute) {
        return !minute.isBefore(start) && minute.isBefore(end);
    }

    /** The factor at a minute the episode covers: on the ramp, the share of the way from normal to {@code factor}. */
    public double factorAt(Instant minute) {
        long into = Duration.between(start, minute).toMinutes();
        long rampMinutes = ramp.toMinutes();
        return into >= rampMinutes ? factor : 1.0 + (factor - 1.0) * into / rampMinutes;
    }
}
