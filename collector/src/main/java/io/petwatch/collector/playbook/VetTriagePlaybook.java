package io.petwatch.collector.playbook;

import io.petwatch.collector.Channels;
import io.petwatch.collector.config.PetwatchConfig;
import io.petwatch.collector.ingest.AcceptedAlert;
import io.petwatch.collector.outreach.MessageRelay;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The vet-triage step of the alert flow. Accepted alerts queue here and a few workers decide them: one at a time when
 * they trickle in, in batches of up to {@code petwatch.triage.batch-size} per transaction when they queue up, so a
 * burst costs one commit per batch rather than one per alert. After a commit the message relay is nudged.
 * Alerts still queued when the collector stops are stored as RECEIVED and re-driven at the next start.
 */
@ApplicationScoped
public class VetTriagePlaybook {
    private static final Logger LOG = Logger.getLogger(VetTriagePlaybook.class);

    private final TriageStep step;
    private final CaseStore cases;
    private final MessageRelay relay;
    private final int workers;
    private final int batchSize;
    private final BlockingQueue<AcceptedAlert> queue = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();

    public VetTriagePlaybook(TriageStep step, CaseStore cases, MessageRelay relay, PetwatchConfig config) {
        this.step = step;
        this.cases = cases;
        this.relay = relay;
        this.workers = config.triage().workers();
        this.batchSize = config.triage().batchSize();
        if (workers < 1 || batchSize < 1) {
            throw new IllegalArgumentException("petwatch.triage.workers and petwatch.triage.batch-size must be >= 1,"
                    + " were " + workers + " and " + batchSize);
        }
    }

    @Incoming(Channels.ALERTS_ACCEPTED)
    public void accept(AcceptedAlert alert) {
        queue.add(alert);
    }

    void start(@Observes StartupEvent event) {
        for (int i = 0; i < workers; i++) {
            Thread t = new Thread(this::work, "vet-triage-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        threads.forEach(Thread::interrupt);
    }

    private void work() {
        List<AcceptedAlert> batch = new ArrayList<>(batchSize);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, batchSize - 1);
            decide(batch);
            batch.clear();
        }
    }

    private void decide(List<AcceptedAlert> batch) {
        try {
            decided(batch, step.applyAll(batch));
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                fail(batch.get(0), e);
                return;
            }
            // One bad alert (or a lost deadlock race) must not hold back the others: each is decided on its own.
            LOG.warnf("Triage of a batch of %d alerts failed (%s); deciding them one by one", batch.size(), e);
            for (AcceptedAlert alert : batch) {
                try {
                    decided(List.of(alert), step.applyAll(List.of(alert)));
                } catch (RuntimeException single) {
                    fail(alert, single);
                }
            }
        }
    }

    /** Committed: say what was decided, and let any queued message leave. */
    private void decided(List<AcceptedAlert> alerts, List<TriageDecision> decisions) {
        for (int i = 0; i < alerts.size(); i++) {
            AcceptedAlert a = alerts.get(i);
            LOG.infof("alert %s (%s %s %s): %s", a.alertId(), a.kind(), a.state(), a.severity(),
                    decisions.get(i).reason());
        }
        if (decisions.stream().anyMatch(d -> d instanceof TriageDecision.Notify || d instanceof TriageDecision.CloseCase)) {
            relay.nudge(); // the queued message leaves now rather than at the relay's next tick
        }
    }

    private void fail(AcceptedAlert alert, RuntimeException e) {
        // The alert stays on record as FAILED with the reason; it is never silently dropped.
        LOG.errorf(e, "Vet triage failed for alert %s", alert.alertId());
        try {
            cases.markAlerts(List.of(new CaseStore.AlertMark(alert.alertId(), "FAILED", e.toString())));
        } catch (RuntimeException markFailed) {
            LOG.errorf(markFailed, "Could not mark alert %s FAILED; it is re-driven at the next start",
                    alert.alertId());
        }
    }
}
