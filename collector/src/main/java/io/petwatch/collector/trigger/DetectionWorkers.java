package io.petwatch.collector.trigger;

import io.petwatch.collector.ingest.AlertArrivals;
import io.petwatch.collector.queue.LocalWakeup;
import io.petwatch.collector.queue.QueueWorkers;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * Runs detection as triage's workers run triage ({@link QueueWorkers}): {@code petwatch.triggers.workers} tasks on the
 * managed executor each claim a batch of stored signal events and decide it in one transaction, then look again;
 * with nothing waiting they sleep until {@link #nudge()} or the poll interval. Triggers stored wake the triage workers (of every instance) after
 * the commit. A sweep on the clock ({@code petwatch.triggers.sweep-interval}) raises the absence triggers of parcels
 * nothing more is heard of; one instance per interval runs it ({@link SweepTurns}).
 */
@ApplicationScoped
public class DetectionWorkers {
    private static final Logger LOG = Logger.getLogger(DetectionWorkers.class);

    private final DetectionStep step;
    private final SignalQueue queue;
    private final AlertArrivals arrivals;
    private final Clock clock;
    private final SweepTurns turns;
    private final Duration sweepInterval;
    private final int sweepBatchSize;
    private final LocalWakeup stored = new LocalWakeup();
    private final QueueWorkers<Long> workers;
    private final boolean detecting;
    // The sweep runs on an instance that detects, between its start and its stop.
    private final AtomicBoolean running = new AtomicBoolean();

    public DetectionWorkers(DetectionStep step, SignalQueue queue, AlertArrivals arrivals, ManagedExecutor executor,
                            Clock clock, SweepTurns turns, TriggerConfig config) {
        this.step = step;
        this.queue = queue;
        this.arrivals = arrivals;
        this.clock = clock;
        this.turns = turns;
        this.sweepInterval = config.sweepInterval();
        this.sweepBatchSize = config.sweepBatchSize();
        this.detecting = config.workers() > 0;
        if (sweepBatchSize < 1) {
            throw new IllegalArgumentException("petwatch.triggers.sweep-batch-size must be >= 1; was " + sweepBatchSize);
        }
        this.workers = new QueueWorkers<>(new QueueWorkers.Names("Detection", "signal events",
                "petwatch.triggers.workers"), new QueueWorkers.Step<>() {
                    @Override
                    public int decideNext(int max, Consumer<List<Long>> claimed) {
                        return handOver(step.detectNext(max, claimed));
                    }

                    @Override
                    public void setAside(Long eventId, RuntimeException e) {
                        DetectionWorkers.this.setAside(eventId, e);
                    }
                }, stored, executor, config.workers(), config.batchSize(), config.pollInterval(), LOG);
    }

    void start(@Observes StartupEvent event) {
        workers.start();
        running.set(detecting);
    }

    void stop(@Observes ShutdownEvent event) {
        running.set(false);
        workers.stop();
    }

    /** Intake stored a signal event (webhook or Kafka): detection looks once its transaction has committed. */
    void stored(@Observes(during = TransactionPhase.AFTER_SUCCESS) SignalStored event) {
        nudge();
    }

    /** Signal events were stored: the detection tasks look now rather than at their next poll. */
    public void nudge() {
        stored.signal();
    }

    /** Claims and decides one batch; how many events it took off the queue (0: none waiting). */
    public int detectNextBatch() {
        return workers.decideNextBatch();
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
