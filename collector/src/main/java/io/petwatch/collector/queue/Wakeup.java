package io.petwatch.collector.queue;

import java.time.Duration;

/** What queue workers sleep on when nothing is waiting: a count that moves whenever there may be work. */
public interface Wakeup {
    /** The count now: read it before looking at the queue, then {@link #await} on it. */
    long generation();

    /** Waits until the count moves past {@code seen} or {@code timeout} passes; true if it moved. */
    boolean await(long seen, Duration timeout) throws InterruptedException;

    /** There may be work: the sleepers look now. */
    void signal();
}
