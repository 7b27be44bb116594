package io.petwatch.collector.playbook;

import io.petwatch.collector.customer.AlertContext;
import io.petwatch.collector.customer.QuietHours;
import io.petwatch.collector.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Outreach cases, their audit trail and queued messages, in PostgreSQL. Called inside the playbook's transaction,
 * so a case, its events and its message commit together; every insert is idempotent for re-driven alerts.
 */
@ApplicationScoped
public class CaseStore {
    private final Jdbc jdbc;

    public CaseStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the customers' triage locks until the transaction ends. One customer's alerts are decided one at a time
     * (caps and grouping count what the others did), different customers' in parallel. The locks are taken in one
     * order (sorted keys), so two transactions locking several customers cannot deadlock. This is its own statement:
     * a statement reads a snapshot taken when it starts, so reads that depend on the lock must come after it.
     */
    public void lockCustomers(Collection<String> customerIds) {
        if (!customerIds.isEmpty()) {
            jdbc.first("""
                    SELECT count(pg_advisory_xact_lock(k)) FROM (
                           SELECT DISTINCT hashtext(id) AS k FROM unnest(?::text[]) AS id ORDER BY k) AS keys""",
                    rs -> true, (Object) customerIds.toArray(String[]::new));
        }
    }

    /** What the guardrails need about the alert's owner and pet, as of now; call with the owner's lock held. */
    public Optional<OwnerState> ownerState(TriageRequest request) {
        if (request.context().isEmpty()) {
            return Optional.empty();
        }
        AlertContext context = request.context().get();
        return jdbc.first("""
                SELECT c.preferred_channel, c.time_zone, c.quiet_hours, c.sms_consent,
                       (SELECT count(*) FROM messages m WHERE m.customer_id = c.id AND m.case_id IS NOT NULL
                           AND m.created_at > now() - interval '24 hours'),
                       (SELECT id || ':' || kind || ':' || status FROM outreach_cases
                         WHERE pet_id = ? AND status IN ('AWAITING_OWNER', 'OWNER_RESPONDED', 'ESCALATED', 'HELD')
                         ORDER BY opened_at DESC LIMIT 1),
                       (SELECT id || ':' || kind || ':' || status FROM outreach_cases
                         WHERE collar_id = ? AND kind = ? AND episode_start = ?),
                       EXISTS (SELECT 1 FROM alerts WHERE collar_id = ? AND kind = ? AND window_start = ?
                                  AND state = 'RESOLVED'),
                       c.email_consent, c.email, c.push_consent, c.push_token
                  FROM customers c WHERE c.id = ?""",
                rs -> new OwnerState(ZoneId.of(rs.getString(2)), Optional.ofNullable(rs.getString(3))
                        .map(QuietHours::parse), rs.getInt(5), caseRef(rs.getString(6)),
                        caseRef(rs.getString(7)), request.firing() && rs.getBoolean(8),
                        ChannelPlan.order(rs.getString(1), rs.getBoolean(4), rs.getBoolean(9), rs.getString(10) != null,
                                rs.getBoolean(11), rs.getString(12) != null),
                        Optional.ofNullable(rs.getString(10)), Optional.ofNullable(rs.getString(12))),
                context.pet().petId(), request.collarId(), request.kind(), request.episodeStart(), request.collarId(),
                request.kind(), request.episodeStart(), context.owner().customerId());
    }

    private static Optional<OwnerState.CaseRef> caseRef(String packed) {
        if (packed == null) {
            return Optional.empty();
        }
        String[] parts = packed.split(":", 3);
        return Optional.of(new OwnerState.CaseRef(Long.parseLong(parts[0]), parts[1], parts[2]));
    }

    /** Opens the episode's case (or finds the one a re-drive already opened); returns its id. */
    public long openCase(TriageRequest request, AlertContext context, String status, String variant, String decision,
                         Optional<Duration> escalateAfter, Optional<Instant> escalateAt) {
        Optional<Long> created = jdbc.first("""
                INSERT INTO outreach_cases (opened_by_alert, customer_id, pet_id, collar_id, kind, episode_start, status,
                                            decision, severity, escalate_after, escalate_at, escalated_at, closed_at,
                                            variant)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::interval, ?, CASE WHEN ? = 'ESCALATED' THEN now() END,
                        CASE WHEN ? IN ('CLOSED', 'HOLDOUT', 'RESOLVED') THEN now() END, ?)
                ON CONFLICT (collar_id, kind, episode_start) DO NOTHING
                RETURNING id""", rs -> rs.getLong(1),
                request.alertId(), context.owner().customerId(), context.pet().petId(), request.collarId(),
                request.kind(), request.episodeStart(), status, decision, request.severity(),
                escalateAfter.map(d -> d.getSeconds() + " seconds"), escalateAt, status, status, variant);
        return created.or(() -> jdbc.first(
                        "SELECT id FROM outreach_cases WHERE collar_id = ? AND kind = ? AND episode_start = ?",
                        rs -> rs.getLong(1), request.collarId(), request.kind(), request.episodeStart()))
                .orElseThrow(() -> new IllegalStateException("case for alert " + request.alertId() + " vanished"));
    }

    /** Closes an open case; false when it was no longer open. */
    public boolean close(long caseId, String status, String outcome, Optional<String> by) {
        return jdbc.update("""
                UPDATE outreach_cases SET status = ?, closed_at = now(), outcome = ?, outcome_by = ?, escalate_at = NULL
                 WHERE id = ? AND status IN ('AWAITING_OWNER', 'OWNER_RESPONDED', 'ESCALATED', 'HELD')""",
                status, outcome, by, caseId) > 0;
    }

    /** A held text that must never go out (the pet recovered, or the incident was discarded). */
    public void dropHeldMessages(long caseId, String why) {
        jdbc.update("UPDATE messages SET status = 'FAILED', error = ? WHERE case_id = ? AND status = 'HELD'", why,
                caseId);
    }

    /** Appends to the case's audit trail. */
    public void event(long caseId, String kind, String detail) {
        jdbc.update("INSERT INTO case_events (case_id, kind, detail) VALUES (?, ?, ?)", caseId, kind, detail);
    }

    /** An entry of a case's audit trail. */
    public record Event(long caseId, String kind, String detail) {
    }

    /** Appends several entries in one statement, in list order. */
    public void events(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        jdbc.update("""
                INSERT INTO case_events (case_id, kind, detail)
                SELECT e.case_id, e.kind, e.detail
                  FROM unnest(?::bigint[], ?::text[], ?::text[]) WITH ORDINALITY AS e(case_id, kind, detail, n)
                 ORDER BY e.n""",
                events.stream().map(Event::caseId).toArray(Long[]::new),
                events.stream().map(Event::kind).toArray(String[]::new),
                events.stream().map(Event::detail).toArray(String[]::new));
    }

    /** Queues a message in the outbox; at most one per case and script. Returns false if it was already queued. */
    public boolean queueMessage(Optional<Long> caseId, String customerId, String recipient, String script, String body,
                                Instant sendAfter, String reason) {
        return insertMessage("QUEUED", ChannelPlan.SMS, caseId, customerId, recipient, script, body, sendAfter, reason);
    }

    /** Queues on a given channel (SMS, EMAIL or PUSH). */
    public boolean queueMessage(String channel, Optional<Long> caseId, String customerId, String recipient,
                                String script, String body, Instant sendAfter, String reason) {
        return insertMessage("QUEUED", channel, caseId, customerId, recipient, script, body, sendAfter, reason);
    }

    /** Keeps a case's message HELD by a fleet incident until an operator releases or discards it. */
    public void holdForIncident(long caseId, long incidentId, String channel, String customerId, String recipient,
                                String script, String body, Instant sendAfter, String reason) {
        jdbc.update("UPDATE outreach_cases SET status = 'HELD', incident_id = ? WHERE id = ?", incidentId, caseId);
        insertMessage("HELD", channel, Optional.of(caseId), customerId, recipient, script, body, sendAfter, reason);
    }

    private boolean insertMessage(String status, String channel, Optional<Long> caseId, String customerId,
                                  String recipient, String script, String body, Instant sendAfter, String reason) {
        return jdbc.update("""
                INSERT INTO messages (case_id, customer_id, channel, recipient, template, body, status, send_after, reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (case_id, template, channel) DO NOTHING""",
                caseId, customerId, channel, recipient, script, body, status, sendAfter, reason) > 0;
    }

    /** What triage made of an alert. */
    public record AlertMark(String alertId, String status, String reason) {
    }

    /** Records what triage made of each alert, in one statement. */
    public void markAlerts(List<AlertMark> marks) {
        if (marks.isEmpty()) {
            return;
        }
        jdbc.update("""
                UPDATE alerts a SET status = m.status, status_reason = m.reason, processed_at = now()
                  FROM unnest(?::text[], ?::text[], ?::text[]) AS m(alert_id, status, reason)
                 WHERE a.alert_id = m.alert_id""",
                marks.stream().map(AlertMark::alertId).toArray(String[]::new),
                marks.stream().map(AlertMark::status).toArray(String[]::new),
                marks.stream().map(AlertMark::reason).toArray(String[]::new));
    }
}
