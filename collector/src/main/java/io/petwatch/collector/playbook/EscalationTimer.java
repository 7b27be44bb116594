package io.petwatch.collector.playbook;

import io.petwatch.collector.casefile.CaseFile;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The durable "no answer within 4 hours" timer. Due times live in {@code outreach_cases.escalate_at}, so the timer
 * survives restarts; each poll moves due cases from AWAITING_OWNER to ESCALATED in one conditional UPDATE (claimed
 * with SKIP LOCKED), so a case escalates exactly once even with several collector instances polling one database.
 */
@ApplicationScoped
public class EscalationTimer {
    private static final Logger LOG = Logger.getLogger(EscalationTimer.class);
    private static final int BATCH = 100;

    private final CaseFile cases;
    private final Credits credits;
    private final Clock clock;
    private final AtomicBoolean stopping = new AtomicBoolean();

    public EscalationTimer(CaseFile cases, Credits credits, Clock clock) {
        this.cases = cases;
        this.credits = credits;
        this.clock = clock;
    }

    @Scheduled(every = "${petwatch.triage.timer-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!stopping.get()) { // at shutdown the pool closes: a late tick must not run into it
            escalateDue(clock.instant());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopping.set(true);
    }

    /** Escalates every case whose owner has not answered by {@code now}; returns the ids this call escalated. */
    @Transactional
    public List<Long> escalateDue(Instant now) {
        List<Long> escalated = cases.escalateDue(now, BATCH);
        for (long id : escalated) {
            cases.event(id, "ESCALATED", "no reply from the owner in time: the case goes to the support agents'"
                    + " queue" + (credits.aboutAPet(id) ? " with an offer of a free teletriage credit" : ""));
            credits.offerTeletriage(id);
            LOG.infof("Case %d escalated: no reply from the owner in time", id);
        }
        return escalated;
    }
}
