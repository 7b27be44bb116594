package io.petwatch.sim.mqtt;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One collar's sends in the order they were handed over: each goes when the collar is online and the one before
 * it has gone, or is given up at its deadline. Chaining keeps a collar's batches in seq order through an outage.
 */
final class Handover {
    private CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);

    /** True once it may go, false at the deadline; decided once. {@code online} is read when its turn comes. */
    synchronized CompletableFuture<Boolean> when(Supplier<CompletableFuture<Void>> online, Duration deadline) {
        CompletableFuture<Boolean> decided = previous.thenCompose(before -> online.get())
                .thenApply(connected -> true)
                .completeOnTimeout(false, deadline.toMillis(), TimeUnit.MILLISECONDS);
        previous = decided.thenApply(ignored -> null);
        return decided;
    }
}
