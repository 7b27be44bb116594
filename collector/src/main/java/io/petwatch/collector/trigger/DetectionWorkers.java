package io.petwatch.collector.trigger;

import io.petwatch.collector.ingest.AlertArrivals;
import io.petwatch.collector.signal.SignalStored;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * Runs detection as triage's workers run triage: {@code petwatch.triggers.workers} tasks on the managed executor each
 * claim a batch of stored signal events and decide it in one transaction, then look again; with nothing waiting they
 * sleep until {@link #nudge()} or the poll interval. Triggers stored wake the triage workers (of every instance) after
 * the commit. A sweep on the clock ({@code petwatch.triggers.sweep-interval}) raises the absence triggers of parcels
 * nothing more is heard of; one instance per interval runs it ({@link SweepTurns}).
 */
@ApplicationScoped
public class DetectionWorkers {
    private static final Logger LOG = Logger.getLogger(DetectionWorkers.class);

    private final DetectionStep step;
    private final SignalQueue queue;
    private final AlertArrivals arrivals;
    private final ManagedExecutor executor;
    private final Clock clock;
    private final SweepTurns turns;
    private final Duration sweepInterval;
    private final int workers;
    private final int batchSize;
    private final int sweepBatchSize;
    private final Duration poll;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Phaser active = new Phaser(1);
    private final Object lock = new Object();
    private long generation;

    public DetectionWorkers(DetectionStep step, SignalQueue queue, AlertArrivals arrivals, ManagedExecutor executor,
                            Clock clock, SweepTurns turns, TriggerConfig config) {
        this.step = step;
        this.turns = turns;
        this.sweepInterval = config.sweepInterval();
        this.queue = queue;
        this.arrivals = arrivals;
        this.executor = executor;
        this.clock = clock;
        this.workers = config.workers();
        this.batchSize = config.batchSize();
        this.sweepBatchSize = config.sweepBatchSize();
        this.poll = config.pollInterval();
        if (workers < 0 || batchSize < 1 || sweepBatchSize < 1 || poll.isNegative() || poll.isZero()) {
            throw new IllegalArgumentException("petwatch.triggers.workers must be >= 0, petwatch.triggers.batch-size"
                    + " and sweep-batch-size >= 1 and petwatch.triggers.poll-interval positive; were " + workers + ", "
                    + batchSize + ", " + sweepBatchSize + ", " + poll);
        }
    }

    void start(@Observes StartupEvent event) {
        if (workers == 0) {
            LOG.info("Trigger detection is off on this instance (petwatch.triggers.workers=0)");
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

    void stop(@Observes ShutdownEvent event) {
        if (!running.getAndSet(false)) {
            return;
        }
        nudge();
        try {
            active.awaitAdvanceInterruptibly(active.arrive(), poll.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            LOG.warn("Detection still busy at shutdown; its signal events stay RECEIVED and are decided later");
        }
    }

    /** Intake stored a signal event (webhook or Kafka): detection looks once its transaction has committed. */
    void stored(@Observes(during = TransactionPhase.AFTER_SUCCESS) SignalStored event) {
        nudge();
    }

    /** Signal events were stored: the detection tasks look now rather than at their next poll. */
    public void nudge() {
        synchronized (lock) {
            generation++;
            lock.notifyAll();
        }
    }

    private void work() {
        while (running.get()) {
            long seen;
            synchronized (lock) {
                seen = generation;
            }
            if (detectNextBatch() < batchSize) {
                try {
                    awaitNudge(seen);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void awaitNudge(long seen) throws InterruptedException {
        long deadline = System.nanoTime() + poll.toNanos();
        synchronized (lock) {
            while (generation == seen && running.get()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Claims and decides one batch; how many events it took off the queue (0: none waiting). */
    public int detectNextBatch() {
        try {
            return handOver(step.detectNext(batchSize));
        } catch (RuntimeException e) {
            // One bad event must not hold back the others: they are decided one by one, and one that fails alone is
            // set aside as FAILED with the reason.
            LOG.warnf("Detection of a batch failed (%s); deciding the waiting events one by one", e.toString());
            int count = 0;
            for (int i = 0; i < batchSize; i++) {
                List<Long> claimed = new ArrayList<>(1);
                try {
                    if (handOver(step.detectNext(1, claimed::addAll)) == 0) {
                        break;
                    }
                } catch (RuntimeException single) {
                    if (claimed.isEmpty()) {
                        break; // the claim itself failed (the database is away): wait for the next poll
                    }
                    claimed.forEach(id -> setAside(id, single));
                }
                count++;
            }
            return count;
        }
    }

    private int handOver(DetectionStep.Detected detected) {
        if (!detected.raised().isEmpty()) {
            arrivals.stored(); // after the commit: the triage workers find the triggers at once
        }
        return detected.count();
    }

    private void setAside(long eventId, RuntimeException e) {
        LOG.errorf(e, "Detection failed for signal event %d; it is set aside as FAILED", eventId);
        try {
            queue.fail(eventId, e.toString(), clock.instant());
        } catch (RuntimeException markFailed) {
            LOG.errorf(markFailed, "Could not set signal event %d aside; it stays RECEIVED and is tried again", eventId);
        }
    }

    @Scheduled(every = "${petwatch.triggers.sweep-interval:PT5M}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweepTick() {
        Instant now = clock.instant();
        if (running.get() && turns.take("parcels", now, sweepInterval)) {
            sweep(now); // this instance's turn: the others' ticks in this interval skip
        }
    }

    /** Sweeps every parcel still in transit at {@code now}, a batch per transaction; the alert ids stored. */
    public List<String> sweep(Instant now) {
        List<String> raised = new ArrayList<>();
        String after = "";
        while (true) {
            DetectionStep.Swept swept = step.sweep(now, after, sweepBatchSize);
            if (!swept.raised().isEmpty()) {
                arrivals.stored();
                raised.addAll(swept.raised());
            }
            if (swept.parcels() < sweepBatchSize || swept.last().isEmpty()) {
                return raised;
            }
            after = swept.last().get();
        }
    }
}
