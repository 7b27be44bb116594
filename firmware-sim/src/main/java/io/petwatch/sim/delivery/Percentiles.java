package io.petwatch.sim.delivery;

import java.util.Locale;

/**
 * A latency distribution in milliseconds: how many were measured and the usual percentiles.
 *
 * @param count how many values were recorded
 */
public record Percentiles(long count, double p50, double p90, double p99, double p999, double max) {
    public static final Percentiles NONE = new Percentiles(0, 0, 0, 0, 0, 0);

    public Percentiles {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
    }

    /** {"count":..,"p50":..,"p90":..,"p99":..,"p999":..,"max":..}, in ms to the microsecond. */
    public String toJson() {
        return String.format(Locale.ROOT, "{\"count\":%d,\"p50\":%.3f,\"p90\":%.3f,\"p99\":%.3f,\"p999\":%.3f,"
                + "\"max\":%.3f}", count, p50, p90, p99, p999, max);
    }
}
