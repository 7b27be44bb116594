package io.petwatch.collector.playbook;

import io.petwatch.collector.casefile.CaseFile;
import io.petwatch.collector.customer.CustomerDirectory;
import io.petwatch.collector.outreach.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jboss.logging.Logger;

/**
 * What a support agent does to a case: record its outcome, which closes it, updates the customer's loyalty score by
 * {@link CaseOutcome}'s rule, and feeds a false alarm back to detection as a label for the collar and detector.
 */
@ApplicationScoped
public class CaseActions {
    private static final Logger LOG = Logger.getLogger(CaseActions.class);

    private final Jdbi jdbi;
    private final CaseFile cases;
    private final CustomerDirectory directory;
    private final Outbox outbox;
    private final Clock clock;

    public CaseActions(Jdbi jdbi, CaseFile cases, CustomerDirectory directory, Outbox outbox, Clock clock) {
        this.jdbi = jdbi;
        this.cases = cases;
        this.directory = directory;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Why an outcome could not be recorded. */
    public enum Refusal { NO_SUCH_CASE, ALREADY_CLOSED }

    /** The recorded outcome and the loyalty score it left. */
    public record Recorded(long caseId, CaseOutcome outcome, int loyaltyBefore, int loyaltyAfter) {
    }

    /** Records the outcome; a case already closed keeps its first outcome (returned as the refusal). */
    @Transactional
    public Result record(long caseId, CaseOutcome outcome, String agent, String note) {
        Optional<String[]> found = jdbi.withHandle(h -> h.select("""
                SELECT oc.customer_id, oc.opened_by_alert, oc.collar_id, a.detector, c.loyalty_score, oc.status
                  FROM outreach_cases oc JOIN alerts a ON a.alert_id = oc.opened_by_alert
                  JOIN customers c ON c.id = oc.customer_id
                 WHERE oc.id = ? FOR UPDATE OF oc, c""", caseId)
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)}).findFirst());
        if (found.isEmpty()) {
            return new Result(Optional.empty(), Optional.of(Refusal.NO_SUCH_CASE));
        }
        String[] row = found.get();
        if (!cases.close(caseId, "CLOSED", outcome.name() + (note.isBlank() ? "" : ": " + note), Optional.of(agent))) {
            return new Result(Optional.empty(), Optional.of(Refusal.ALREADY_CLOSED));
        }
        int before = Integer.parseInt(row[4]);
        int after = outcome.applyTo(before);
        directory.setLoyaltyScore(row[0], after);
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO loyalty_changes (customer_id, case_id, delta, score_after, reason, at)
                VALUES (?, ?, ?, ?, ?, ?)""", row[0], caseId, after - before, after,
                "case " + caseId + " closed as " + outcome, clock.instant()));
        List<String> cancelled = outbox.cancelUnsent(caseId, "not sent: the case was closed as " + outcome);
        if (!cancelled.isEmpty()) {
            cases.event(caseId, "MESSAGES_CANCELLED", "not yet sent, never sent now: " + String.join(", ", cancelled));
        }
        // The detail starts with the outcome: the KPIs read it from the trail.
        cases.event(caseId, "OUTCOME", outcome + " recorded by " + agent + (note.isBlank() ? "" : " (" + note + ")")
                + "; loyalty " + before + " -> " + after);
        if (outcome.falseAlarm()) {
            jdbi.useHandle(h -> h.execute("""
                    INSERT INTO detection_labels (collar_id, detector, alert_id, label, case_id, at)
                    VALUES (?, ?, ?, 'FALSE_ALARM', ?, ?) ON CONFLICT (alert_id) DO NOTHING""",
                    row[2], row[3], row[1], caseId, clock.instant()));
            cases.event(caseId, "LABELLED", "alert " + row[1] + " labelled FALSE_ALARM for detector " + row[3]
                    + (row[2] == null ? "" : " on collar " + row[2]));
        }
        LOG.infof("Case %d closed by %s as %s; loyalty %d -> %d", caseId, agent, outcome, before, after);
        return new Result(Optional.of(new Recorded(caseId, outcome, before, after)), Optional.empty());
    }

    /** Either the recorded outcome or the refusal. */
    public record Result(Optional<Recorded> recorded, Optional<Refusal> refusal) {
    }
}
