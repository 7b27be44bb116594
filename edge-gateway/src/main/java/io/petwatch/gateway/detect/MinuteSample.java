package io.petwatch.gateway.detect;

/** One minute of collar data, in event time (the collar's own clock). */
public record MinuteSample(long minuteStartMs, int activity, int steps, Wear wear) {
    public MinuteSample {
        if (activity < 0) {
            throw new IllegalArgumentException("activity must be >= 0, was " + activity);
        }
    }
}
