package io.petwatch.collector.playbook;

import io.petwatch.collector.config.PetwatchConfig;
import io.petwatch.collector.ingest.AlertArrivals;
import io.petwatch.collector.ingest.AlertQueue;
import io.petwatch.collector.outreach.MessageRelay;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * Decides stored alerts: {@code petwatch.triage.workers} tasks on the container's managed executor each claim a batch
 * of waiting alerts from the queue table and decide it in one transaction, then look again; with nothing waiting they
 * sleep until an arrival is notified or the short poll comes round. Nothing is held in memory between an upload and
 * its decision, so a stop or a crash loses nothing: the alert is still RECEIVED and the next claim takes it.
 */
@ApplicationScoped
public class TriageWorkers {
    private static final Logger LOG = Logger.getLogger(TriageWorkers.class);

    private final TriageStep step;
    private final AlertQueue queue;
    private final AlertArrivals arrivals;
    private final MessageRelay relay;
    private final ManagedExecutor executor;
    private final Clock clock;
    private final int workers;
    private final int batchSize;
    private final Duration poll;
    private final AtomicBoolean running = new AtomicBoolean();
    // Counts the tasks still running, so a stop can wait for them before the connection pool closes.
    private final Phaser active = new Phaser(1);

    public TriageWorkers(TriageStep step, AlertQueue queue, AlertArrivals arrivals, MessageRelay relay,
                         ManagedExecutor executor, Clock clock, PetwatchConfig config) {
        this.step = step;
        this.queue = queue;
        this.arrivals = arrivals;
        this.relay = relay;
        this.executor = executor;
        this.clock = clock;
        this.workers = config.triage().workers();
        this.batchSize = config.triage().batchSize();
        this.poll = config.triage().pollInterval();
        if (workers < 0 || batchSize < 1 || poll.isNegative() || poll.isZero()) {
            throw new IllegalArgumentException("petwatch.triage.workers must be >= 0, petwatch.triage.batch-size >= 1"
                    + " and petwatch.triage.poll-interval positive; were " + workers + ", " + batchSize + ", " + poll);
        }
    }

    void start(@Observes StartupEvent event) {
        if (workers == 0) {
            LOG.info("Triage is off on this instance (petwatch.triage.workers=0): it stores alerts, others decide them");
            return;
        }
        running.set(true);
        for (int i = 0; i < workers; i++) {
            submit(this::work);
        }
    }

    private void submit(Runnable task) {
        active.register();
        executor.execute(() -> {
            try {
                task.run();
            } finally {
                active.arriveAndDeregister();
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (!running.getAndSet(false)) {
            return;
        }
        arrivals.signal();
        // The pool closes after this observer: a worker still inside a transaction finishes it first. If one does
        // not within the wait, nothing is lost either: an undecided alert stays RECEIVED for the next claim.
        try {
            active.awaitAdvanceInterruptibly(active.arrive(), poll.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            LOG.warn("Triage workers still busy at shutdown; their alerts stay RECEIVED and are decided later");
        }
    }

    private void work() {
        while (running.get()) {
            long seen = arrivals.generation();
            int decided = decideNextBatch();
            if (decided < batchSize) {
                try {
                    arrivals.await(seen, poll);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Claims and decides one batch; returns how many alerts it took off the queue (0: none waiting). */
    int decideNextBatch() {
        try {
            TriageStep.Decided decided = step.decideNext(batchSize);
            handOver(decided);
            return decided.count();
        } catch (RuntimeException e) {
            if (!running.get()) {
                return 0;
            }
            // One bad alert (or a lost deadlock race) must not hold back the others: they are decided one by one,
            // and an alert that fails alone is set aside as FAILED with the reason, never silently dropped.
            LOG.warnf("Triage of a batch failed (%s); deciding the waiting alerts one by one", e.toString());
            int count = 0;
            for (int i = 0; i < batchSize && running.get(); i++) {
                List<String> claimed = new ArrayList<>(1);
                try {
                    TriageStep.Decided one = step.decideNext(1, claimed::addAll);
                    if (one.count() == 0) {
                        break;
                    }
                    handOver(one);
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

    /**
     * After the decision committed: its leased texts go to this instance's relay, and the relay looks for any other
     * message now rather than at its next tick.
     */
    private void handOver(TriageStep.Decided decided) {
        if (!decided.leased().isEmpty()) {
            relay.sendLeased(decided.leased());
        }
        if (decided.nudgeRelay()) {
            relay.nudge();
        }
    }

    private void setAside(String alertId, RuntimeException e) {
        LOG.errorf(e, "Vet triage failed for alert %s; it is set aside as FAILED", alertId);
        try {
            queue.fail(alertId, e.toString(), clock.instant());
        } catch (RuntimeException markFailed) {
            LOG.errorf(markFailed, "Could not set alert %s aside; it stays RECEIVED and is tried again", alertId);
        }
    }
}
