package io.petwatch.sim.play;

import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.function.LongConsumer;

/**
 * A clock that only moves when the player waits: first the "broker" gets its turn to answer, and if nothing came of
 * it, time jumps to the player's deadline. A wait without a deadline and without an answer would never end, and fails.
 */
final class ManualClock implements PlayClock {
    private long now;
    private LongConsumer broker = wait -> { };

    /**
     * What the broker does while the player waits, told how long the player means to wait (Long.MAX_VALUE: until
     * something happens): answer held sends, say.
     */
    void whileWaiting(LongConsumer broker) {
        this.broker = broker;
    }

    long nowMs() {
        return now / 1_000_000L;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Optional<Runnable> await(BlockingQueue<Runnable> inbox, long deadlineNanos) {
        Runnable event = inbox.poll();
        if (event == null) {
            broker.accept(deadlineNanos == NEVER ? Long.MAX_VALUE : deadlineNanos - now);
            event = inbox.poll();
        }
        if (event != null) {
            return Optional.of(event);
        }
        if (deadlineNanos == NEVER) {
            throw new IllegalStateException("the player would wait forever at " + nowMs() + " ms");
        }
        now = Math.max(now, deadlineNanos);
        return Optional.empty();
    }
}
