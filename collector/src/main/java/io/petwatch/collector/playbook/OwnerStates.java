package io.petwatch.collector.playbook;

import io.petwatch.collector.customer.Pet;
import io.petwatch.collector.customer.QuietHours;
import io.petwatch.collector.outreach.ChannelPlan;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * What the guardrails need to know about an alert's owner before deciding, read in one round trip, and the
 * per-customer lock that makes caps and grouping exact when several workers (or instances) decide at once.
 */
@ApplicationScoped
public class OwnerStates {
    private static final Duration CAP_WINDOW = Duration.ofHours(24);
    /**
     * How far back the cross-signal cap looks for a customer's proactive messages, by when they were queued: far more
     * than quiet hours or the gap ever hold one back.
     */
    private static final Duration PROACTIVE_LOOKBACK = Duration.ofDays(2);
    private static final String OPEN = "('AWAITING_OWNER', 'OWNER_RESPONDED', 'ESCALATED', 'HELD')";

    private final Jdbi jdbi;
    // Alert kinds of vet-triage rules and of retail service rules: the cap counts health messages, service messages
    // and device nudges apart.
    private final String[] healthKinds;
    private final String[] serviceKinds;
    // Every script a rule sends (variants included): the messages that are proactive outreach.
    private final String[] proactiveScripts;

    public OwnerStates(Jdbi jdbi, MessageScripts scripts) {
        this.jdbi = jdbi;
        Playbook playbook = scripts.playbook();
        this.healthKinds = kindsOf(playbook, Playbook.Outreach.HEALTH);
        this.serviceKinds = kindsOf(playbook, Playbook.Outreach.SERVICE);
        this.proactiveScripts = playbook.rules().stream().map(Playbook.Rule::script).distinct()
                .flatMap(s -> playbook.scripts().keySet().stream().filter(n -> n.equals(s) || n.startsWith(s + "@")))
                .distinct().toArray(String[]::new);
    }

    private static String[] kindsOf(Playbook playbook, Playbook.Outreach outreach) {
        return playbook.rules().stream().filter(r -> r.outreach() == outreach).flatMap(r -> r.kinds().stream())
                .distinct().toArray(String[]::new);
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

    /**
     * Takes the triage locks of the customers no other transaction holds, without waiting, until the transaction
     * ends; returns the ones it took. It never waits, so it cannot deadlock; its own statement, as above.
     */
    public Set<String> lockFreeCustomers(Collection<String> customerIds) {
        if (customerIds.isEmpty()) {
            return Set.of();
        }
        // The volatile filter keeps the subquery from being flattened: only these ids are tried, each once.
        return Set.copyOf(jdbi.withHandle(h -> h.select("""
                SELECT id FROM (SELECT DISTINCT id, hashtext(id) AS k FROM unnest(?::text[]) AS id ORDER BY k) AS ids
                 WHERE pg_try_advisory_xact_lock(k)""", (Object) customerIds.toArray(String[]::new))
                .mapTo(String.class).list()));
    }

    /** The owner's state as of {@code now}; call with the owner's lock held. Empty when nobody is linked. */
    public Optional<OwnerState> of(TriageRequest request, Instant now) {
        return ofAll(List.of(request), now).get(0);
    }

    /**
     * The owners' states for a batch of alerts in one query, in the batch's order; call with the owners' locks held.
     * Each state is as of the start of the batch: a caller must read again for an owner it has since written to.
     * A collar's alert looks at its pet's open case and its episode (collar, kind, start); a retail trigger at the
     * case of its customer, kind, subject and episode (the alert's window_start), which is both: a subject's later
     * episode never groups into, nor is resolved with, an earlier one's case.
     */
    public List<Optional<OwnerState>> ofAll(List<TriageRequest> requests, Instant now) {
        List<TriageRequest> linked = requests.stream().filter(r -> r.context().isPresent()).toList();
        Map<Integer, OwnerState> found = linked.isEmpty() ? Map.of() : jdbi.withHandle(h -> h.select("""
                SELECT r.n, c.preferred_channel, c.time_zone, c.quiet_hours, c.sms_consent,
                       (SELECT count(*) FROM messages m JOIN outreach_cases oc ON oc.id = m.case_id
                         WHERE m.customer_id = c.id AND m.created_at > ? AND m.status <> 'CANCELLED'
                           AND (CASE WHEN oc.kind = ANY(?::text[]) THEN 1 WHEN oc.kind = ANY(?::text[]) THEN 2 ELSE 0 END)
                             = (CASE WHEN r.kind = ANY(?::text[]) THEN 1 WHEN r.kind = ANY(?::text[]) THEN 2 ELSE 0 END)),
                       coalesce(
                         (SELECT id || ':' || kind || ':' || status FROM outreach_cases
                           WHERE pet_id = r.pet_id AND status IN %1$s ORDER BY opened_at DESC LIMIT 1),
                         (SELECT id || ':' || kind || ':' || status FROM outreach_cases
                           WHERE customer_id = r.customer_id AND kind = r.kind AND subject = r.subject
                             AND episode_start = r.episode_start AND status IN %1$s)),
                       coalesce(
                         (SELECT id || ':' || kind || ':' || status FROM outreach_cases
                           WHERE collar_id = r.collar_id AND kind = r.kind AND episode_start = r.episode_start),
                         (SELECT id || ':' || kind || ':' || status FROM outreach_cases
                           WHERE customer_id = r.customer_id AND kind = r.kind AND subject = r.subject
                             AND episode_start = r.episode_start)),
                       EXISTS (SELECT 1 FROM alerts WHERE collar_id = r.collar_id AND kind = r.kind
                                  AND window_start = r.episode_start AND state = 'RESOLVED')
                         OR EXISTS (SELECT 1 FROM alerts WHERE customer_id = r.customer_id AND kind = r.kind
                                       AND subject = r.subject AND window_start = r.episode_start
                                       AND state = 'RESOLVED'),
                       c.email_consent, c.email, c.push_consent, c.push_token, r.firing,
                       (SELECT max(coalesce(m.sent_at, m.send_after)) FROM messages m
                         WHERE m.customer_id = c.id AND m.created_at > ? AND m.case_id IS NOT NULL
                           AND m.status IN ('QUEUED', 'SENT') AND m.template = ANY(?::text[]))
                  FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::boolean[], ?::text[])
                       WITH ORDINALITY AS r(customer_id, pet_id, collar_id, kind, episode_start, firing, subject, n)
                  JOIN customers c ON c.id = r.customer_id""".formatted(OPEN),
                        now.minus(CAP_WINDOW), healthKinds, serviceKinds, healthKinds, serviceKinds,
                        now.minus(PROACTIVE_LOOKBACK), proactiveScripts,
                        linked.stream().map(r -> r.context().orElseThrow().owner().customerId()).toArray(String[]::new),
                        linked.stream().map(r -> r.context().orElseThrow().pet().map(Pet::petId).orElse(null))
                                .toArray(String[]::new),
                        linked.stream().map(TriageRequest::collarId).toArray(String[]::new),
                        linked.stream().map(TriageRequest::kind).toArray(String[]::new),
                        linked.stream().map(r -> r.episodeStart().toString()).toArray(String[]::new),
                        linked.stream().map(TriageRequest::firing).toArray(Boolean[]::new),
                        linked.stream().map(r -> r.subject().orElse(null)).toArray(String[]::new))
                .map((rs, ctx) -> Map.entry(rs.getInt(1) - 1, new OwnerState(ZoneId.of(rs.getString(3)),
                        Optional.ofNullable(rs.getString(4)).map(QuietHours::parse), rs.getInt(6),
                        caseRef(rs.getString(7)), caseRef(rs.getString(8)), rs.getBoolean(14) && rs.getBoolean(9),
                        ChannelPlan.order(rs.getString(2), rs.getBoolean(5), rs.getBoolean(10), rs.getString(11) != null,
                                rs.getBoolean(12), rs.getString(13) != null),
                        Optional.ofNullable(rs.getString(11)), Optional.ofNullable(rs.getString(13)),
                        Optional.ofNullable(rs.getTimestamp(15)).map(Timestamp::toInstant))))
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
