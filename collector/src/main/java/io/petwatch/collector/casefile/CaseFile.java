package io.petwatch.collector.casefile;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Outreach cases and their audit trail ({@code outreach_cases}, {@code case_events}): the one place that writes them.
 * Called inside the caller's transaction, so a case, its events and its messages commit together; every time written
 * comes from the injected clock.
 */
@ApplicationScoped
public class CaseFile {
    /** Statuses of a case that is still being worked. */
    public static final String OPEN_STATUSES = "('AWAITING_OWNER', 'OWNER_RESPONDED', 'ESCALATED', 'HELD')";
    private static final java.util.Set<String> OPEN = java.util.Set.of("AWAITING_OWNER", "OWNER_RESPONDED",
            "ESCALATED", "HELD");

    /** Whether a case in this status is still being worked. */
    public static boolean isOpen(String status) {
        return OPEN.contains(status);
    }

    private final Jdbi jdbi;
    private final Clock clock;

    public CaseFile(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * A case to open for an alert's episode, or a retail trigger's subject and episode.
     *
     * @param petId         the pet a collar's alert is about; empty for a retail trigger
     * @param collarId      the collar; empty for a retail trigger
     * @param escalateAfter how long the owner has to answer once the text has left; empty: never escalates
     * @param textDue       when the case's first text may leave, if it has one
     * @param signal        COLLAR, PAYMENT, DELIVERY or SURVEY
     * @param subject       a trigger's subject (subscription, tracking code, survey response); empty for a collar
     * @param rule          the playbook rule's script, where a rule applied
     */
    public record NewCase(String alertId, String customerId, Optional<String> petId, Optional<String> collarId,
                          String kind, Instant episodeStart, String severity, String status, String decision,
                          String variant, Optional<Duration> escalateAfter, Optional<Long> incidentId,
                          Optional<Instant> textDue, String signal, Optional<String> subject, Optional<String> rule) {
    }

    /** Opens the episode's case, or finds the one already opened for it; returns its id. */
    public long open(NewCase c) {
        return openAll(List.of(c)).get(0);
    }

    /**
     * Opens several episodes' cases in one statement, or finds those already opened (one per collar, kind and episode;
     * one per customer, kind, subject and episode for a trigger); their ids, in the given order.
     */
    public List<Long> openAll(List<NewCase> cases) {
        if (cases.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        // No conflict target: a collar's case is unique by (collar_id, kind, episode_start), a trigger's by
        // (customer_id, kind, subject, episode_start), and either found already opened is looked up below.
        Map<String, Long> opened = jdbi.withHandle(h -> h.select("""
                INSERT INTO outreach_cases (opened_by_alert, customer_id, pet_id, collar_id, kind, episode_start,
                                            status, decision, severity, escalate_after, escalated_at, closed_at,
                                            variant, incident_id, opened_at, escalate_at, signal, subject, rule)
                SELECT v.alert, v.customer, v.pet, v.collar, v.kind, v.episode, v.status, v.decision, v.severity,
                       v.after::interval, CASE WHEN v.status = 'ESCALATED' THEN ?::timestamptz END,
                       CASE WHEN v.status IN ('CLOSED', 'HOLDOUT', 'RESOLVED') THEN ?::timestamptz END, v.variant,
                       v.incident, ?,
                       CASE WHEN v.status = 'AWAITING_OWNER' AND v.text_due <= ? THEN ?::timestamptz + v.after::interval
                       END, v.signal, v.subject, v.rule
                  FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[],
                              ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::timestamptz[], ?::text[],
                              ?::text[], ?::text[])
                       WITH ORDINALITY AS v(alert, customer, pet, collar, kind, episode, status, decision, severity,
                                            after, variant, incident, text_due, signal, subject, rule, n)
                 ORDER BY v.n
                ON CONFLICT DO NOTHING
                RETURNING id, opened_by_alert""", now, now, now, now, now,
                cases.stream().map(NewCase::alertId).toArray(String[]::new),
                cases.stream().map(NewCase::customerId).toArray(String[]::new),
                cases.stream().map(c -> c.petId().orElse(null)).toArray(String[]::new),
                cases.stream().map(c -> c.collarId().orElse(null)).toArray(String[]::new),
                cases.stream().map(NewCase::kind).toArray(String[]::new),
                cases.stream().map(c -> c.episodeStart().toString()).toArray(String[]::new),
                cases.stream().map(NewCase::status).toArray(String[]::new),
                cases.stream().map(NewCase::decision).toArray(String[]::new),
                cases.stream().map(NewCase::severity).toArray(String[]::new),
                cases.stream().map(c -> c.escalateAfter().map(d -> d.getSeconds() + " seconds").orElse(null))
                        .toArray(String[]::new),
                cases.stream().map(NewCase::variant).toArray(String[]::new),
                cases.stream().map(c -> c.incidentId().orElse(null)).toArray(Long[]::new),
                cases.stream().map(c -> c.textDue().map(Instant::toString).orElse(null)).toArray(String[]::new),
                cases.stream().map(NewCase::signal).toArray(String[]::new),
                cases.stream().map(c -> c.subject().orElse(null)).toArray(String[]::new),
                cases.stream().map(c -> c.rule().orElse(null)).toArray(String[]::new))
                .map((rs, ctx) -> Map.entry(rs.getString(2), rs.getLong(1))).list()).stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        List<Long> ids = new java.util.ArrayList<>(cases.size());
        for (NewCase c : cases) {
            Long id = opened.get(c.alertId());
            ids.add(id != null ? id : existing(c)); // opened before (a decision taken again): found by episode
        }
        return ids;
    }

    private long existing(NewCase c) {
        return jdbi.withHandle(h -> c.subject().isPresent()
                        ? h.select("SELECT id FROM outreach_cases WHERE customer_id = ? AND kind = ? AND subject = ?"
                                        + " AND episode_start = ?", c.customerId(), c.kind(), c.subject().get(),
                                c.episodeStart()).mapTo(Long.class).findFirst()
                        : h.select("SELECT id FROM outreach_cases WHERE collar_id = ? AND kind = ? AND episode_start = ?",
                                c.collarId().orElse(null), c.kind(), c.episodeStart()).mapTo(Long.class).findFirst())
                .orElseThrow(() -> new IllegalStateException("case for alert " + c.alertId() + " vanished"));
    }

    /** Closes an open case, and any task an owner's reply opened on it; false when it was no longer open. */
    public boolean close(long caseId, String status, String outcome, Optional<String> by) {
        Instant now = clock.instant();
        boolean closed = jdbi.withHandle(h -> h.execute("""
                UPDATE outreach_cases SET status = ?, closed_at = ?, outcome = ?, outcome_by = ?, escalate_at = NULL
                 WHERE id = ? AND status IN """ + OPEN_STATUSES, status, now, outcome, by.orElse(null), caseId)) > 0;
        if (closed) {
            jdbi.useHandle(h -> h.execute("UPDATE agent_tasks SET done_at = ?, done_by = ? WHERE case_id = ?"
                    + " AND done_at IS NULL", now, by.orElse("automation") + ", closing the case", caseId));
        }
        return closed;
    }

    /**
     * An owner's reply needs a person now: the case goes to the agents' queue without waiting for its timer. False
     * when it was not waiting for the owner or already answered by them (escalated, held or closed).
     */
    public boolean escalateNow(long caseId) {
        return jdbi.withHandle(h -> h.execute("""
                UPDATE outreach_cases SET status = 'ESCALATED', escalated_at = ?, escalate_at = NULL
                 WHERE id = ? AND status IN ('AWAITING_OWNER', 'OWNER_RESPONDED')""", clock.instant(), caseId)) > 0;
    }

    /** The owner answered: the timer stops. False when the case was not waiting for the owner. */
    public boolean ownerResponded(long caseId) {
        return jdbi.withHandle(h -> h.execute("""
                UPDATE outreach_cases SET status = 'OWNER_RESPONDED', responded_at = ?, escalate_at = NULL
                 WHERE id = ? AND status = 'AWAITING_OWNER'""", clock.instant(), caseId)) > 0;
    }

    /** The customer's newest case still waiting for them or an agent. */
    public Optional<Long> latestOpenCase(String customerId) {
        return jdbi.withHandle(h -> h.select("""
                SELECT id FROM outreach_cases WHERE customer_id = ? AND status IN ('AWAITING_OWNER', 'ESCALATED',
                'OWNER_RESPONDED') ORDER BY opened_at DESC LIMIT 1""", customerId).mapTo(Long.class).findFirst());
    }

    /**
     * Starts the escalation timers of cases whose text has just left: the owner's time runs from when it was sent. A
     * case whose text was due at once got its timer when it opened ({@link #openAll}), a moment before the text left;
     * it is moved only if the text left more than a minute later (a retry, a channel down, a lapsed lease), so the
     * usual text costs no second write of its case.
     *
     * @param sentAt when each case's text left, by case id
     */
    public void startTimers(Map<Long, Instant> sentAt) {
        if (sentAt.isEmpty()) {
            return;
        }
        jdbi.useHandle(h -> h.execute("""
                UPDATE outreach_cases c SET escalate_at = s.at + c.escalate_after
                  FROM unnest(?::bigint[], ?::timestamptz[]) AS s(id, at)
                 WHERE c.id = s.id AND c.id = ANY(?::bigint[]) AND c.status = 'AWAITING_OWNER'
                   AND c.escalate_after IS NOT NULL
                   AND (c.escalate_at IS NULL OR c.escalate_at < s.at + c.escalate_after - interval '1 minute')""",
                sentAt.keySet().toArray(Long[]::new),
                sentAt.values().stream().map(Instant::toString).toArray(String[]::new),
                // The same ids again, as a condition the planner sees: joined through unnest alone, it estimated the
                // waiting cases from stale statistics and read all of them (cases_due) to update a few by key.
                sentAt.keySet().toArray(Long[]::new)));
    }

    /** Moves up to {@code limit} cases whose owner has not answered by {@code now} to ESCALATED, once each. */
    public List<Long> escalateDue(Instant now, int limit) {
        return jdbi.withHandle(h -> h.select("""
                UPDATE outreach_cases SET status = 'ESCALATED', escalated_at = ?
                 WHERE id IN (SELECT id FROM outreach_cases
                               WHERE status = 'AWAITING_OWNER' AND escalate_at <= ?
                               ORDER BY escalate_at LIMIT ? FOR UPDATE SKIP LOCKED)
                   AND status = 'AWAITING_OWNER'
                RETURNING id""", now, now, limit).mapTo(Long.class).list());
    }

    /** Cases held by a fleet incident go back to waiting for their owners, whose texts are released. */
    public List<Long> releaseHeld(long incidentId) {
        return jdbi.withHandle(h -> h.select("""
                UPDATE outreach_cases SET status = 'AWAITING_OWNER' WHERE incident_id = ? AND status = 'HELD'
                RETURNING id""", incidentId).mapTo(Long.class).list());
    }

    /**
     * HIGH cases held by a fleet incident since before {@code heldSince} go back to waiting for their owners, once
     * each however many instances look; their ids.
     */
    public List<Long> releaseHeldHigh(Instant heldSince, int limit) {
        return jdbi.withHandle(h -> h.select("""
                UPDATE outreach_cases SET status = 'AWAITING_OWNER'
                 WHERE id IN (SELECT id FROM outreach_cases
                               WHERE status = 'HELD' AND severity = 'HIGH' AND opened_at < ?
                               ORDER BY opened_at LIMIT ? FOR UPDATE SKIP LOCKED)
                   AND status = 'HELD'
                RETURNING id""", heldSince, limit).mapTo(Long.class).list());
    }

    /** HIGH cases held by a fleet incident now, waiting for an operator or the hold limit. */
    public long heldHigh() {
        return jdbi.withHandle(h -> h.select("SELECT count(*) FROM outreach_cases WHERE status = 'HELD' AND severity"
                + " = 'HIGH'").mapTo(Long.class).one());
    }

    /** Cases held by a fleet incident close without outreach. */
    public List<Long> discardHeld(long incidentId, String outcome, String by) {
        return jdbi.withHandle(h -> h.select("""
                UPDATE outreach_cases SET status = 'CLOSED', closed_at = ?, outcome = ?, outcome_by = ?
                 WHERE incident_id = ? AND status = 'HELD' RETURNING id""", clock.instant(), outcome, by, incidentId)
                .mapTo(Long.class).list());
    }

    /** An entry of a case's audit trail. */
    public record Event(long caseId, String kind, String detail) {
    }

    /** Appends to the case's audit trail. */
    public void event(long caseId, String kind, String detail) {
        events(List.of(new Event(caseId, kind, detail)));
    }

    /** Appends several entries in one statement, in list order. */
    public void events(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO case_events (case_id, kind, detail, at)
                SELECT e.case_id, e.kind, e.detail, ?
                  FROM unnest(?::bigint[], ?::text[], ?::text[]) WITH ORDINALITY AS e(case_id, kind, detail, n)
                 ORDER BY e.n""", clock.instant(),
                events.stream().map(Event::caseId).toArray(Long[]::new),
                events.stream().map(Event::kind).toArray(String[]::new),
                events.stream().map(Event::detail).toArray(String[]::new)));
    }
}
