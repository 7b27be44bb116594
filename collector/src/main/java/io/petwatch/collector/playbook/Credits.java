package io.petwatch.collector.playbook;

import io.petwatch.collector.casefile.CaseFile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
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

    /** Why a grant was not recorded. */
    public enum Refusal { NO_SUCH_CASE, CASE_CLOSED }

    /** The recorded credit, or why there is none. */
    public record Granted(Optional<Credit> credit, Optional<Refusal> refusal) {
    }

    /**
     * Grants (or asks approval for) a credit on an open case. The customer's row is locked first, so two grants at
     * once (two agents, or an agent and the automation) are counted against the caps one after the other.
     */
    @Transactional
    public Granted grant(long caseId, int amountCents, String grantedBy, String reason) {
        Optional<String[]> found = jdbi.withHandle(h -> h.select("""
                SELECT c.id, oc.status FROM outreach_cases oc JOIN customers c ON c.id = oc.customer_id
                 WHERE oc.id = ? FOR UPDATE OF c""", caseId)
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).findFirst());
        if (found.isEmpty()) {
            return new Granted(Optional.empty(), Optional.of(Refusal.NO_SUCH_CASE));
        }
        if (!CaseFile.isOpen(found.get()[1])) {
            return new Granted(Optional.empty(), Optional.of(Refusal.CASE_CLOSED));
        }
        String customerId = found.get()[0];
        long[] sofar = jdbi.withHandle(h -> h.select("""
                SELECT coalesce(sum(amount_cents) FILTER (WHERE case_id = ?), 0),
                       coalesce(sum(amount_cents) FILTER (WHERE created_at > ?), 0)
                  FROM credits WHERE customer_id = ? AND status = 'GRANTED'""",
                caseId, clock.instant().minus(policy.customerPeriod()), customerId)
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).one());
        String status = policy.statusFor(amountCents, sofar[0], sofar[1]);
        Optional<Credit> credit = jdbi.withHandle(h -> h.select("""
                INSERT INTO credits (case_id, customer_id, amount_cents, reason, granted_by, status, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                RETURNING id, case_id, amount_cents, status, granted_by""",
                caseId, customerId, amountCents, reason, grantedBy, status, clock.instant()).map(CREDIT).findFirst());
        credit.ifPresent(c -> cases.event(caseId, "CREDIT_" + c.status(), grantedBy + " " + (c.status()
                .equals("GRANTED") ? "granted" : "asked a supervisor to approve") + " a credit of " + amountCents
                + " cents (" + reason + "; granted alone before: " + sofar[0] + " cents on this case, cap "
                + policy.capCents() + ", and " + sofar[1] + " to this customer in " + policy.customerPeriod().toDays()
                + " days, cap " + policy.customerCapCents() + ")"));
        return new Granted(credit, Optional.empty());
    }

    /**
     * A supervisor approves or declines a pending credit, with their reason on the case's trail; empty when there is
     * no such pending credit.
     */
    @Transactional
    public Optional<Credit> decide(long creditId, boolean approve, String supervisor, Optional<String> reason) {
        Optional<Credit> credit = jdbi.withHandle(h -> h.select("""
                UPDATE credits SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ?
                 WHERE id = ? AND status = 'PENDING_APPROVAL'
                RETURNING id, case_id, amount_cents, status, granted_by""",
                approve ? "APPROVED" : "DECLINED", supervisor, clock.instant(), reason.orElse(null), creditId)
                .map(CREDIT).findFirst());
        credit.ifPresent(c -> cases.event(c.caseId(), "CREDIT_" + c.status(), supervisor + " "
                + (approve ? "approved" : "declined") + " the credit of " + c.amountCents() + " cents"
                + reason.map(r -> ": " + r).orElse("")));
        return credit;
    }

    /**
     * Withdraws the automation's credits on a case whose customer was never told of them (its text cancelled before
     * it went), granted or waiting for approval, with the reason on the case's trail; the ones withdrawn.
     */
    public List<Credit> withdrawUnannounced(long caseId, String why) {
        List<Credit> withdrawn = jdbi.withHandle(h -> h.select("""
                UPDATE credits SET status = 'WITHDRAWN', decided_by = 'automation', decided_at = ?,
                       decision_reason = ?
                 WHERE case_id = ? AND granted_by = 'automation' AND status IN ('GRANTED', 'PENDING_APPROVAL')
                RETURNING id, case_id, amount_cents, status, granted_by""", clock.instant(), why, caseId)
                .map(CREDIT).list());
        withdrawn.forEach(c -> cases.event(caseId, "CREDIT_WITHDRAWN", "automation withdrew the credit of "
                + c.amountCents() + " cents: " + why));
        return withdrawn;
    }

    /**
     * Whether a case is about a pet (a collar's alert): only such a case's escalation comes with the teletriage
     * credit; a payment, parcel or survey case has its own make-good, if any.
     */
    public boolean aboutAPet(long caseId) {
        return jdbi.withHandle(h -> h.select("SELECT signal = 'COLLAR' FROM outreach_cases WHERE id = ?", caseId)
                .mapTo(Boolean.class).findFirst()).orElse(false);
    }

    /** The trail's words for an escalation's credit: the teletriage offer for a pet, nothing for a retail case. */
    public String escalationOffer(long caseId) {
        return aboutAPet(caseId) ? ", with an offer of a free teletriage credit" : "";
    }

    /** The automation's teletriage offer for an escalated case about a pet (once per case); none for a retail one. */
    public void offerTeletriage(long caseId) {
        if (aboutAPet(caseId)) {
            grant(caseId, policy.teletriageCents(), "automation", "free teletriage credit offered on escalation");
        }
    }
}
