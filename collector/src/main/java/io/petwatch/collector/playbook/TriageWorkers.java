package io.petwatch.collector.playbook;

import io.petwatch.collector.config.PetwatchConfig;
import io.petwatch.collector.ingest.AlertArrivals;
import io.petwatch.collector.ingest.AlertQueue;
import io.petwatch.collector.outreach.MessageRelay;
import io.petwatch.collector.queue.QueueWorkers;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * Decides stored alerts: {@code petwatch.triage.workers} {@link QueueWorkers} tasks on the container's managed
 * executor each claim a batch of waiting alerts from the queue table and decide it in one transaction, then look
 * again; with nothing waiting they sleep until an arrival is notified or the short poll comes round. Nothing is held
 * in memory between an upload and its decision, so a stop or a crash loses nothing: the alert is still RECEIVED and
 * the next claim takes it.
 */
@ApplicationScoped
public class TriageWorkers {
    private static final Logger LOG = Logger.getLogger(TriageWorkers.class);

    private final AlertQueue queue;
    private final MessageRelay relay;
    private final Clock clock;
    private final QueueWorkers<String> workers;

    public TriageWorkers(TriageStep step, AlertQueue queue, AlertArrivals arrivals, MessageRelay relay,
                         ManagedExecutor executor, Clock clock, PetwatchConfig config) {
        this.queue = queue;
        this.relay = relay;
        this.clock = clock;
        this.workers = new QueueWorkers<>(new QueueWorkers.Names("Triage", "alerts", "petwatch.triage.workers"),
                new QueueWorkers.Step<>() {
                    @Override
                    public int decideNext(int max, Consumer<List<String>> claimed) {
                        return handOver(step.decideNext(max, claimed));
                    }

                    @Override
                    public void setAside(String alertId, RuntimeException e) {
                        TriageWorkers.this.setAside(alertId, e);
                    }
                }, arrivals, executor, config.triage().workers(), config.triage().batchSize(),
                config.triage().pollInterval(), LOG);
    }

    void start(@Observes StartupEvent event) {
        workers.start();
    }

    void stop(@Observes ShutdownEvent event) {
        workers.stop(); // the pool closes after this observer: a worker inside a transaction finishes it first
    }

    /** Claims and decides one batch; returns how many alerts it took off the queue (0: none waiting). */
    int decideNextBatch() {
        return workers.decideNextBatch();
    }

    /**
     * After the decision committed: its leased texts go to this instance's relay, and the relay looks for any other
     * message now rather than at its next tick.
     */
    private int handOver(TriageStep.Decided decided) {
        if (!decided.leased().isEmpty()) {
            relay.sendLeased(decided.leased());
        }
        if (decided.nudgeRelay()) {
            relay.nudge();
        }
        return decided.count();
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
