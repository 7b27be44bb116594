package io.petwatch.collector.playbook;

import io.petwatch.collector.store.Jdbc;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The durable "no answer within 4 hours" timer. Due times live in {@code outreach_cases.escalate_at}, so the timer
 * survives restarts; each poll moves due cases from AWAITING_OWNER to ESCALATED in one conditional UPDATE, so a
 * case escalates exactly once even with several collector instances polling the same database.
 */
@ApplicationScoped
public class EscalationTimer {
    private static final Logger LOG = Logger.getLogger(EscalationTimer.class);

    private final Jdbc jdbc;
    private final CaseStore cases;
    private final Credits credits;
    private final Clock clock;

    public EscalationTimer(Jdbc jdbc, CaseStore cases, Credits credits, Clock clock) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.credits = credits;
        this.clock = clock;
    }

    @Scheduled(every = "${petwatch.triage.timer-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        escalateDue(clock.instant());
    }

    /** Escalates every case whose owner has not answered by {@code now}; returns the ids this call escalated. */
    @Transactional
    public List<Long> escalateDue(Instant now) {
        List<Long> escalated = jdbc.query("""
                UPDATE outreach_cases SET status = 'ESCALATED', escalated_at = ?
                 WHERE id IN (SELECT id FROM outreach_cases
                               WHERE status = 'AWAITING_OWNER' AND escalate_at <= ?
                               ORDER BY escalate_at LIMIT 100 FOR UPDATE SKIP LOCKED)
                   AND status = 'AWAITING_OWNER'
                RETURNING id""", rs -> rs.getLong(1), now, now);
        for (long id : escalated) {
            cases.event(id, "ESCALATED", "no reply from the owner in time: the case goes to the support agents'"
                    + " queue with an offer of a free teletriage credit");
            credits.offerTeletriage(id);
            LOG.infof("Case %d escalated: no reply from the owner in time", id);
        }
        return escalated;
    }
}
