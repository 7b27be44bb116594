package io.petwatch.sim.play;

/**
 * How fast simulated time runs against wall time: {@code factor} simulated seconds a wall second, or
 * {@link #MAX}: each action as soon as the rate limit, the in-flight limits and the broker's answers allow.
 */
public record Speed(double factor) {
    public static final Speed MAX = new Speed(Double.POSITIVE_INFINITY);

    public Speed {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("speed must be positive, was " + factor);
        }
    }

    /** "max", or a positive number such as 3600 (an hour of simulated time a second) or 0.5. */
    public static Speed parse(String text) {
        if (text.strip().equalsIgnoreCase("max")) {
            return MAX;
        }
        try {
            double factor = Double.parseDouble(text.strip());
            if (factor > 0 && !Double.isInfinite(factor)) {
                return new Speed(factor);
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new IllegalArgumentException("speed must be 'max' or a positive number of simulated seconds a wall"
                + " second, was '" + text + "'");
    }

    public boolean max() {
        return Double.isInfinite(factor);
    }

    /** Wall nanoseconds after the run's start at which simulated {@code atMs} falls; at max speed, at once. */
    public long wallOffsetNanos(long atMs, long simStartMs) {
        if (max() || atMs <= simStartMs) {
            return 0;
        }
        // At a crawl, years of simulated time are beyond any run: capped so that start + offset cannot overflow.
        return (long) Math.min((atMs - simStartMs) * 1e6 / factor, Long.MAX_VALUE / 4.0);
    }

    @Override
    public String toString() {
        return max() ? "max" : "x" + factor;
    }
}
