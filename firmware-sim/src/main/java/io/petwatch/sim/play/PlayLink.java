package io.petwatch.sim.play;

import io.petwatch.sim.delivery.CollarLink;
import io.petwatch.sim.delivery.Delivery;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** One collar's connection as the player drives it: a {@link CollarLink} that can also drop and come back. */
public interface PlayLink extends CollarLink {

    /**
     * Sends bytes that are not a batch on the collar's telemetry topic, with the same wait for the collar to be
     * online as {@link #send}; the delivery's seq is 0.
     */
    CompletableFuture<Delivery> sendRaw(byte[] payload, Duration deliveryTimeout);

    /**
     * Loses the connection: with {@code will}, so that the broker publishes the collar's will; without, as a
     * collar saying goodbye. Completes when the connection is gone.
     */
    CompletableFuture<Void> drop(boolean will);

    /** Connects again after {@link #drop}, resuming the session; sends handed over meanwhile wait for it. */
    void reconnect();
}
