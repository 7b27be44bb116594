package io.petwatch.sim.scenario;

import java.time.Instant;

/**
 * Ground truth: something injected into one collar's data between two event-time instants.
 *
 * @param factor how the pet's activity is multiplied while the episode lasts
 */
public record Episode(String collarId, String kind, Instant start, Instant end, double factor) {
    public static final String LETHARGY = "lethargy";

    public boolean covers(Instant minute) {
        return !minute.isBefore(start) && minute.isBefore(end);
    }
}
