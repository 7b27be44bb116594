package io.petwatch.sim.play;

import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** Time as the player sees it, and its one way to wait: for an event, or until a deadline. Tests bring their own. */
public interface PlayClock {
    /** No deadline: wait for an event. */
    long NEVER = Long.MAX_VALUE;

    long nanoTime();

    /** The next event from {@code inbox}, waiting for it until {@code deadlineNanos} at most. */
    Optional<Runnable> await(BlockingQueue<Runnable> inbox, long deadlineNanos) throws InterruptedException;

    PlayClock SYSTEM = new PlayClock() {
        /** A wait ends after this at the latest, so a lost wake-up can only delay the player, never stop it. */
        private static final long LONGEST_WAIT_NANOS = 1_000_000_000L;

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public Optional<Runnable> await(BlockingQueue<Runnable> inbox, long deadlineNanos) throws InterruptedException {
            long wait = deadlineNanos == NEVER ? LONGEST_WAIT_NANOS
                    : Math.min(LONGEST_WAIT_NANOS, deadlineNanos - System.nanoTime());
            return Optional.ofNullable(wait <= 0 ? inbox.poll() : inbox.poll(wait, TimeUnit.NANOSECONDS));
        }
    };
}
