package io.petwatch.gateway.detect;

/** One hour of the evidence window: observed activity against what the pet's baseline expects. */
public record HourEvidence(long hourStartMs, long activity, long baseline, int wornMinutes) {
}
