package io.petwatch.collector.playbook;

import io.petwatch.collector.casefile.CaseFile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Records credit grants and supervisors' decisions on the ones above the cap; each one on the case's trail. */
@ApplicationScoped
public class Credits {
    private final Jdbi jdbi;
    private final CaseFile cases;
    private final CreditPolicy policy;
    private final Clock clock;

    public Credits(Jdbi jdbi, CaseFile cases, CreditPolicy policy, Clock clock) {
        this.jdbi = jdbi;
        this.cases = cases;
        this.policy = policy;
        this.clock = clock;
    }

    private static final RowMapper<Credit> CREDIT = (rs, ctx) -> new Credit(rs.getLong(1), rs.getLong(2), rs.getInt(3),
            rs.getString(4), rs.getString(5));

    /** A recorded credit. */
    public record Credit(long id, long caseId, int amountCents, String status, String grantedBy) {
    }

    /** Grants (or asks approval for) a credit on a case; empty when the case does not exist. */
    @Transactional
    public Optional<Credit> grant(long caseId, int amountCents, String grantedBy, String reason) {
        String status = policy.statusFor(amountCents);
        Optional<Credit> credit = jdbi.withHandle(h -> h.select("""
                INSERT INTO credits (case_id, customer_id, amount_cents, reason, granted_by, status, created_at)
                SELECT id, customer_id, ?, ?, ?, ?, ? FROM outreach_cases WHERE id = ?
                ON CONFLICT DO NOTHING
                RETURNING id, case_id, amount_cents, status, granted_by""",
                amountCents, reason, grantedBy, status, clock.instant(), caseId).map(CREDIT).findFirst());
        credit.ifPresent(c -> cases.event(caseId, "CREDIT_" + c.status(), grantedBy + " " + (c.status()
                .equals("GRANTED") ? "granted" : "asked a supervisor to approve") + " a credit of " + amountCents
                + " cents (" + reason + "; cap " + policy.capCents() + ")"));
        return credit;
    }

    /** A supervisor approves or declines a pending credit; empty when there is no such pending credit. */
    @Transactional
    public Optional<Credit> decide(long creditId, boolean approve, String supervisor) {
        Optional<Credit> credit = jdbi.withHandle(h -> h.select("""
                UPDATE credits SET status = ?, decided_by = ?, decided_at = ?
                 WHERE id = ? AND status = 'PENDING_APPROVAL'
                RETURNING id, case_id, amount_cents, status, granted_by""",
                approve ? "APPROVED" : "DECLINED", supervisor, clock.instant(), creditId).map(CREDIT).findFirst());
        credit.ifPresent(c -> cases.event(c.caseId(), "CREDIT_" + c.status(), supervisor + " "
                + (approve ? "approved" : "declined") + " the credit of " + c.amountCents() + " cents"));
        return credit;
    }

    /** The automation's teletriage offer for an escalated case (once per case). */
    public void offerTeletriage(long caseId) {
        grant(caseId, policy.teletriageCents(), "automation", "free teletriage credit offered on escalation");
    }
}
