package io.petwatch.collector.playbook;

import io.petwatch.collector.customer.AlertContext;
import io.petwatch.collector.customer.QuietHours;
import io.petwatch.collector.outreach.ChannelPlan;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * What the guardrails need to know about an alert's owner before deciding, read in one round trip, and the
 * per-customer lock that makes caps and grouping exact when several workers (or instances) decide at once.
 */
@ApplicationScoped
public class OwnerStates {
    private static final Duration CAP_WINDOW = Duration.ofHours(24);

    private final Jdbi jdbi;

    public OwnerStates(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Takes the customers' triage locks until the transaction ends. One customer's alerts are decided one at a time
     * (caps and grouping count what the others did), different customers' in parallel. The locks are taken in one
     * order (sorted keys), so two transactions locking several customers cannot deadlock. This is its own statement:
     * a statement reads a snapshot taken when it starts, so reads that depend on the lock must come after it.
     */
    public void lockCustomers(Collection<String> customerIds) {
        if (!customerIds.isEmpty()) {
            jdbi.useHandle(h -> h.select("""
                    SELECT count(pg_advisory_xact_lock(k)) FROM (
                           SELECT DISTINCT hashtext(id) AS k FROM unnest(?::text[]) AS id ORDER BY k) AS keys""",
                    (Object) customerIds.toArray(String[]::new)).mapTo(Long.class).one());
        }
    }

    /** The owner's state as of {@code now}; call with the owner's lock held. Empty when nobody is linked. */
    public Optional<OwnerState> of(TriageRequest request, Instant now) {
        if (request.context().isEmpty()) {
            return Optional.empty();
        }
        AlertContext context = request.context().get();
        return jdbi.withHandle(h -> h.select("""
                SELECT c.preferred_channel, c.time_zone, c.quiet_hours, c.sms_consent,
                       (SELECT count(*) FROM messages m WHERE m.customer_id = c.id AND m.case_id IS NOT NULL
                           AND m.created_at > ?),
                       (SELECT id || ':' || kind || ':' || status FROM outreach_cases
                         WHERE pet_id = ? AND status IN ('AWAITING_OWNER', 'OWNER_RESPONDED', 'ESCALATED', 'HELD')
                         ORDER BY opened_at DESC LIMIT 1),
                       (SELECT id || ':' || kind || ':' || status FROM outreach_cases
                         WHERE collar_id = ? AND kind = ? AND episode_start = ?),
                       EXISTS (SELECT 1 FROM alerts WHERE collar_id = ? AND kind = ? AND window_start = ?
                                  AND state = 'RESOLVED'),
                       c.email_consent, c.email, c.push_consent, c.push_token
                  FROM customers c WHERE c.id = ?""",
                now.minus(CAP_WINDOW), context.pet().petId(), request.collarId(), request.kind(),
                request.episodeStart(), request.collarId(), request.kind(), request.episodeStart(),
                context.owner().customerId())
                .map((rs, ctx) -> new OwnerState(ZoneId.of(rs.getString(2)), Optional.ofNullable(rs.getString(3))
                        .map(QuietHours::parse), rs.getInt(5), caseRef(rs.getString(6)),
                        caseRef(rs.getString(7)), request.firing() && rs.getBoolean(8),
                        ChannelPlan.order(rs.getString(1), rs.getBoolean(4), rs.getBoolean(9), rs.getString(10) != null,
                                rs.getBoolean(11), rs.getString(12) != null),
                        Optional.ofNullable(rs.getString(10)), Optional.ofNullable(rs.getString(12))))
                .findFirst());
    }

    private static Optional<OwnerState.CaseRef> caseRef(String packed) {
        if (packed == null) {
            return Optional.empty();
        }
        String[] parts = packed.split(":", 3);
        return Optional.of(new OwnerState.CaseRef(Long.parseLong(parts[0]), parts[1], parts[2]));
    }
}
