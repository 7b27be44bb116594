package io.petwatch.sim.delivery;

import io.petwatch.proto.v1.TelemetryBatch;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Where one collar's batches go: its broker connection, or a stand-in in tests. */
public interface CollarLink extends AutoCloseable {

    String collarId();

    /**
     * Hands a batch over in order after the ones before it. The future completes with what became of it: when the
     * broker answers, or, if the collar stays offline for the whole {@code deliveryTimeout}, with
     * {@link Delivery.Status#NOT_SENT} at that deadline. A batch already sent waits for its answer past the deadline
     * (a QoS 1 publish cannot be recalled), so the caller decides how long it listens.
     */
    CompletableFuture<Delivery> send(TelemetryBatch batch, Duration deliveryTimeout);

    LinkStats stats();

    @Override
    void close();
}
