package io.petwatch.collector.playbook;

import io.petwatch.collector.customer.AlertContext;
import io.petwatch.collector.customer.QuietHours;
import io.petwatch.collector.outreach.ChannelPlan;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * What the guardrails need to know about an alert's owner before deciding, read in one round trip, and the
 * per-customer lock that makes caps and grouping exact when several workers (or instances) decide at once.
 */
@ApplicationScoped
public class OwnerStates {
    private static final Duration CAP_WINDOW = Duration.ofHours(24);

    private final Jdbi jdbi;
    // Alert kinds whose rules are vet triage: the cap counts health messages and device nudges apart.
    private final String[] healthKinds;

    public OwnerStates(Jdbi jdbi, MessageScripts scripts) {
        this.jdbi = jdbi;
        this.healthKinds = scripts.playbook().rules().stream().filter(Playbook.Rule::vetTriage)
                .flatMap(r -> r.kinds().stream()).distinct().toArray(String[]::new);
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
        return ofAll(List.of(request), now).get(0);
    }

    /**
     * The owners' states for a batch of alerts in one query, in the batch's order; call with the owners' locks held.
     * Each state is as of the start of the batch: a caller must read again for an owner it has since written to.
     */
    public List<Optional<OwnerState>> ofAll(List<TriageRequest> requests, Instant now) {
        List<TriageRequest> linked = requests.stream().filter(r -> r.context().isPresent()).toList();
        Map<Integer, OwnerState> found = linked.isEmpty() ? Map.of() : jdbi.withHandle(h -> h.select("""
                SELECT r.n, c.preferred_channel, c.time_zone, c.quiet_hours, c.sms_consent,
                       (SELECT count(*) FROM messages m JOIN outreach_cases oc ON oc.id = m.case_id
                         WHERE m.customer_id = c.id AND m.created_at > ? AND m.status <> 'CANCELLED'
                           AND (oc.kind = ANY(?::text[])) = (r.kind = ANY(?::text[]))),
                       (SELECT id || ':' || kind || ':' || status FROM outreach_cases
                         WHERE pet_id = r.pet_id AND status IN ('AWAITING_OWNER', 'OWNER_RESPONDED', 'ESCALATED', 'HELD')
                         ORDER BY opened_at DESC LIMIT 1),
                       (SELECT id || ':' || kind || ':' || status FROM outreach_cases
                         WHERE collar_id = r.collar_id AND kind = r.kind AND episode_start = r.episode_start),
                       EXISTS (SELECT 1 FROM alerts WHERE collar_id = r.collar_id AND kind = r.kind
                                  AND window_start = r.episode_start AND state = 'RESOLVED'),
                       c.email_consent, c.email, c.push_consent, c.push_token, r.firing
                  FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::boolean[])
                       WITH ORDINALITY AS r(customer_id, pet_id, collar_id, kind, episode_start, firing, n)
                  JOIN customers c ON c.id = r.customer_id""", now.minus(CAP_WINDOW), healthKinds, healthKinds,
                        linked.stream().map(r -> r.context().orElseThrow().owner().customerId()).toArray(String[]::new),
                        linked.stream().map(r -> r.context().orElseThrow().pet().petId()).toArray(String[]::new),
                        linked.stream().map(TriageRequest::collarId).toArray(String[]::new),
                        linked.stream().map(TriageRequest::kind).toArray(String[]::new),
                        linked.stream().map(r -> r.episodeStart().toString()).toArray(String[]::new),
                        linked.stream().map(TriageRequest::firing).toArray(Boolean[]::new))
                .map((rs, ctx) -> Map.entry(rs.getInt(1) - 1, new OwnerState(ZoneId.of(rs.getString(3)),
                        Optional.ofNullable(rs.getString(4)).map(QuietHours::parse), rs.getInt(6),
                        caseRef(rs.getString(7)), caseRef(rs.getString(8)), rs.getBoolean(14) && rs.getBoolean(9),
                        ChannelPlan.order(rs.getString(2), rs.getBoolean(5), rs.getBoolean(10), rs.getString(11) != null,
                                rs.getBoolean(12), rs.getString(13) != null),
                        Optional.ofNullable(rs.getString(11)), Optional.ofNullable(rs.getString(13)))))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        List<Optional<OwnerState>> states = new ArrayList<>(requests.size());
        int i = 0;
        for (TriageRequest r : requests) {
            states.add(r.context().isPresent() ? Optional.ofNullable(found.get(i++)) : Optional.empty());
        }
        return states;
    }

    private static Optional<OwnerState.CaseRef> caseRef(String packed) {
        if (packed == null) {
            return Optional.empty();
        }
        String[] parts = packed.split(":", 3);
        return Optional.of(new OwnerState.CaseRef(Long.parseLong(parts[0]), parts[1], parts[2]));
    }
}
