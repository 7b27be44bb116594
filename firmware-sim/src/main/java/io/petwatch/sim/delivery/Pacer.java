package io.petwatch.sim.delivery;

/**
 * Keeps publishing under a rate. A broker queues only so much for a slower subscriber (Mosquitto's
 * max_queued_messages) and drops the rest, so a fleet must not burst.
 */
public final class Pacer {
    private static final long CATCH_UP_LIMIT_NANOS = 1_000_000_000L;

    /** Time as the pacer sees it; tests give it a clock of their own. */
    interface Clock {
        long nanoTime();

        void sleepNanos(long nanos) throws InterruptedException;
    }

    private static final Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
            Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
        }
    };

    private final int rate;
    private final Clock clock;
    private boolean started;
    private long anchorNanos;
    private long anchorSent;

    public Pacer(int rate) {
        this(rate, SYSTEM);
    }

    Pacer(int rate, Clock clock) {
        if (rate < 1) {
            throw new IllegalArgumentException("rate must be at least 1 batch per second, was " + rate);
        }
        this.rate = rate;
        this.clock = clock;
    }

    /**
     * Waits until {@code sent} batches fit under the rate. A pacer that fell more than a second behind (the broker
     * was away, acknowledgements stalled) counts afresh from now rather than bursting to catch up.
     */
    public void awaitTurn(long sent) {
        long now = clock.nanoTime();
        if (!started) {
            started = true;
            anchorNanos = now;
            anchorSent = sent;
            return;
        }
        long due = anchorNanos + (sent - anchorSent) * 1_000_000_000L / rate;
        if (now - due > CATCH_UP_LIMIT_NANOS) {
            anchorNanos = now;
            anchorSent = sent;
            return;
        }
        if (due > now) {
            try {
                clock.sleepNanos(due - now);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("publishing interrupted", e);
            }
        }
    }
}
