package io.petwatch.sim.play;

/**
 * Keeps sends under a rate without blocking: it names the moment the next one may go. A gate that fell more than
 * a second behind (the broker was away, answers stalled) counts afresh rather than bursting to catch up.
 */
final class RateGate {
    private static final long CATCH_UP_LIMIT_NANOS = 1_000_000_000L;

    private final int perSecond;
    private long anchorNanos;
    private long taken;

    RateGate(int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("rate must be at least 1 a second, was " + perSecond);
        }
        this.perSecond = perSecond;
    }

    /** When the next send may go: {@code now} or earlier if it may go at once. */
    long nextNanos(long now) {
        if (taken == 0) {
            return now;
        }
        long due = anchorNanos + taken * 1_000_000_000L / perSecond;
        if (now - due > CATCH_UP_LIMIT_NANOS) {
            taken = 0;
            return now;
        }
        return due;
    }

    void take(long now) {
        if (taken == 0) {
            anchorNanos = now;
        }
        taken++;
    }
}
