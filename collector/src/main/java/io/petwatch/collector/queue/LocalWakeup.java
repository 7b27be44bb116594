package io.petwatch.collector.queue;

import java.time.Duration;

/** A {@link Wakeup} inside one instance: whoever stores work signals it, the workers of this instance wake. */
public final class LocalWakeup implements Wakeup {
    private final Object lock = new Object();
    private long generation;

    @Override
    public long generation() {
        synchronized (lock) {
            return generation;
        }
    }

    @Override
    public boolean await(long seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (generation == seen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    @Override
    public void signal() {
        synchronized (lock) {
            generation++;
            lock.notifyAll();
        }
    }
}
