package io.petwatch.gateway.detect;

/**
 * One hour of an alert's evidence: observed activity against what the pet's baseline expects for the minutes worn,
 * and the pet's usual range for those minutes (0 and 0 where the hour of day is not learned).
 */
public record HourEvidence(long hourStartMs, long activity, long baseline, int wornMinutes, long baselineLow,
                           long baselineHigh) {
}
