package io.petwatch.collector.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * The triage queue is the {@code alerts} table itself: an alert waits as RECEIVED until a worker claims it, and the
 * claim ({@code FOR UPDATE SKIP LOCKED}) and the decision's mark commit in one transaction. So any number of collector
 * instances decide each alert exactly once, and an alert waiting when an instance dies is simply claimed by another.
 */
@ApplicationScoped
public class AlertQueue {
    private final Jdbi jdbi;

    public AlertQueue(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Locks up to {@code max} waiting alerts, oldest first, skipping those another transaction holds. Call inside the
     * transaction that decides them: the locks last until it ends.
     */
    public List<AcceptedAlert> claim(int max) {
        return jdbi.withHandle(h -> h.select("SELECT " + AcceptedAlert.COLUMNS + """
                \s FROM alerts WHERE status = 'RECEIVED' ORDER BY arrival LIMIT ? FOR UPDATE SKIP LOCKED""", max)
                .map((rs, ctx) -> AcceptedAlert.fromRow(rs)).list());
    }

    /**
     * Of the given customers, those with an alert still waiting that arrived before the newest of {@code claimed} and
     * is not one of them: another transaction holds it (the claim skipped it) and has not decided it yet. Deciding
     * that customer's claimed alerts now would put them before an older one, so the caller leaves them waiting.
     * Collar alerts belong to their pet's customer, retail triggers to theirs.
     */
    public Set<String> customersWaitingBefore(Collection<String> claimed, Collection<String> customerIds) {
        if (claimed.isEmpty() || customerIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbi.withHandle(h -> h.select("""
                SELECT DISTINCT coalesce(a.customer_id, p.customer_id)
                  FROM alerts a
                  LEFT JOIN collars co ON a.customer_id IS NULL AND co.id = a.collar_id
                  LEFT JOIN pets p ON p.id = co.pet_id
                 WHERE a.status = 'RECEIVED'
                   AND a.arrival < (SELECT max(arrival) FROM alerts WHERE alert_id = ANY(?::text[]))
                   AND a.alert_id <> ALL(?::text[])
                   AND coalesce(a.customer_id, p.customer_id) = ANY(?::text[])""",
                claimed.toArray(String[]::new), claimed.toArray(String[]::new), customerIds.toArray(String[]::new))
                .mapTo(String.class).list()));
    }

    /** What triage made of an alert: TRIAGED, UNMATCHED or FAILED, and why. */
    public record Mark(String alertId, String status, String reason) {
    }

    /** Records what triage made of each claimed alert, in one statement. */
    public void mark(List<Mark> marks, Instant at) {
        if (marks.isEmpty()) {
            return;
        }
        jdbi.useHandle(h -> h.execute("""
                UPDATE alerts a SET status = m.status, status_reason = m.reason, processed_at = ?
                  FROM unnest(?::text[], ?::text[], ?::text[]) AS m(alert_id, status, reason)
                 WHERE a.alert_id = m.alert_id""", at,
                marks.stream().map(Mark::alertId).toArray(String[]::new),
                marks.stream().map(Mark::status).toArray(String[]::new),
                marks.stream().map(Mark::reason).toArray(String[]::new)));
    }

    /**
     * Sets aside an alert whose decision failed, with the reason, so it does not block the queue; false when it was
     * no longer waiting (another worker decided it meanwhile).
     */
    public boolean fail(String alertId, String reason, Instant at) {
        return jdbi.withHandle(h -> h.execute("""
                UPDATE alerts SET status = 'FAILED', status_reason = ?, processed_at = ?
                 WHERE alert_id = ? AND status = 'RECEIVED'""", reason, at, alertId)) == 1;
    }
}
