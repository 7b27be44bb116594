package io.petwatch.collector.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The workers of a queue table (alerts waiting for triage, signal events waiting for detection): {@code workers}
 * tasks on the container's executor each claim a batch and decide it in one transaction ({@link Step}), then look
 * again; when a claim comes back short they sleep on a {@link Wakeup} or until the poll interval. A batch that fails
 * is decided again one item at a time, and an item that fails alone is set aside with the reason, never silently
 * dropped. Stopping waits for a task inside its transaction, so it ends before the connection pool closes; an
 * undecided item is still waiting for the next claim either way. Plain Java, started and stopped by its owner.
 *
 * @param <K> an item's id (an alert id, a signal event id)
 */
public final class QueueWorkers<K> {
    /** One claim-and-decide step. */
    public interface Step<K> {
        /**
         * Claims up to {@code max} waiting items and decides them in one transaction, telling {@code claimed} which
         * it took before deciding (so one that fails can be set aside); then hands on what the commit made possible.
         * Returns how many it took off the queue (0: none waiting).
         */
        int decideNext(int max, Consumer<List<K>> claimed);

        /** Marks an item whose decision failed alone as failed, with the reason. */
        void setAside(K item, RuntimeException e);
    }

    /** How the logs name the queue, e.g. "Triage" and "alerts". */
    public record Names(String what, String items, String workersKey) {
    }

    private final Names names;
    private final Step<K> step;
    private final Wakeup wakeup;
    private final Executor executor;
    private final int workers;
    private final int batchSize;
    private final Duration poll;
    private final Logger log;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    // Counts the tasks still running, so a stop can wait for them before the connection pool closes.
    private final Phaser active = new Phaser(1);

    public QueueWorkers(Names names, Step<K> step, Wakeup wakeup, Executor executor, int workers, int batchSize,
                        Duration poll, Logger log) {
        if (workers < 0 || batchSize < 1 || poll.isNegative() || poll.isZero()) {
            throw new IllegalArgumentException(names.workersKey() + " must be >= 0, the batch size >= 1 and the poll"
                    + " interval positive; were " + workers + ", " + batchSize + ", " + poll);
        }
        this.names = names;
        this.step = step;
        this.wakeup = wakeup;
        this.executor = executor;
        this.workers = workers;
        this.batchSize = batchSize;
        this.poll = poll;
        this.log = log;
    }

    public void start() {
        if (workers == 0) {
            log.infof("%s is off on this instance (%s=0): it stores %s, others decide them", names.what(),
                    names.workersKey(), names.items());
            return;
        }
        running.set(true);
        for (int i = 0; i < workers; i++) {
            active.register();
            executor.execute(() -> {
                try {
                    work();
                } finally {
                    active.arriveAndDeregister();
                }
            });
        }
    }

    public void stop() {
        stopped.set(true);
        if (!running.getAndSet(false)) {
            return;
        }
        wakeup.signal();
        try {
            active.awaitAdvanceInterruptibly(active.arrive(), poll.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            log.warnf("%s still busy at shutdown; its %s stay waiting and are decided later", names.what(),
                    names.items());
        }
    }

    private void work() {
        while (running.get()) {
            long seen = wakeup.generation();
            if (decideNextBatch() < batchSize) {
                try {
                    wakeup.await(seen, poll);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Claims and decides one batch; how many items it took off the queue (0: none waiting). */
    public int decideNextBatch() {
        try {
            return step.decideNext(batchSize, ids -> { });
        } catch (RuntimeException e) {
            if (stopped.get()) {
                return 0; // shutting down: the pool may be closing under it, and nothing is lost by waiting
            }
            // One bad item (or a lost deadlock race) must not hold back the others: they are decided one by one.
            log.warnf("%s of a batch failed (%s); deciding the waiting %s one by one", names.what(), e.toString(),
                    names.items());
            int count = 0;
            for (int i = 0; i < batchSize && !stopped.get(); i++) {
                List<K> claimed = new ArrayList<>(1);
                try {
                    if (step.decideNext(1, claimed::addAll) == 0) {
                        break;
                    }
                } catch (RuntimeException single) {
                    if (claimed.isEmpty()) {
                        break; // the claim itself failed (the database is away): wait for the next poll
                    }
                    claimed.forEach(id -> step.setAside(id, single));
                }
                count++;
            }
            return count;
        }
    }
}
