package io.petwatch.sim.suite;

import io.petwatch.proto.v1.TelemetryBatch;

/**
 * What one collar does at a moment of a run, on the simulated clock ({@code atMs}, epoch milliseconds of simulated
 * time). A script's actions, in order, are everything its firmware does on the wire: the publisher plays them at the
 * run's speed of simulated time.
 */
public sealed interface Action {
    /** Simulated time at which the collar does it. */
    long atMs();

    /** Publishes a telemetry batch (QoS and topic from the device profile and the collar id). */
    record Publish(long atMs, TelemetryBatch batch) implements Action {
    }

    /** Publishes bytes that are not a valid batch on the telemetry topic, as broken firmware does. */
    record PublishRaw(long atMs, byte[] payload, String why) implements Action {
    }

    /**
     * The collar's connection is lost at {@code atMs} (without a DISCONNECT when {@code will} is true, so the broker
     * publishes its will), and the collar is back online at {@code backAtMs}; what it made meanwhile follows as
     * Publish actions at or after {@code backAtMs} (offline buffering, then the backlog).
     */
    record Drop(long atMs, boolean will, long backAtMs) implements Action {
    }
}
