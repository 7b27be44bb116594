package io.petwatch.sim.suite;

import java.time.Instant;

/**
 * Ground truth for one episode of one collar, as written to the labels file.
 *
 * @param kind lethargy, decline, restless, restless_isolated, collar_off, charging, battery_dead or stuck
 */
public record Label(String collar, String kind, Instant start, Instant end) {
    /** Kinds that are illness: a health alert should follow. */
    public boolean health() {
        return kind.equals("lethargy") || kind.equals("decline") || kind.equals("restless");
    }

    public String json() {
        return String.format("{\"collar\":\"%s\",\"kind\":\"%s\",\"start\":\"%s\",\"end\":\"%s\"}", collar, kind, start,
                end);
    }
}
