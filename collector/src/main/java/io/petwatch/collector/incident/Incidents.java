package io.petwatch.collector.incident;

import io.petwatch.collector.playbook.CaseStore;
import io.petwatch.collector.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Engineering incidents and an operator's decision on the outreach they hold: release it, or discard it. */
@ApplicationScoped
public class Incidents {
    private final Jdbc jdbc;
    private final CaseStore cases;

    public Incidents(Jdbc jdbc, CaseStore cases) {
        this.jdbc = jdbc;
        this.cases = cases;
    }

    /**
     * An incident with the collars it concerns: every collar of its fleet that fired in its window.
     *
     * @param fleet {@code FIRMWARE} or {@code HUB_MODEL}
     * @param key   the firmware version or hub model
     */
    public record Incident(long id, String fleet, String key, String status, String reason, Instant openedAt,
                           Optional<String> decidedBy, List<String> collars, long heldCases) {
    }

    public List<Incident> list() {
        return jdbc.query("""
                SELECT i.id, i.fleet, i.fleet_key, i.status, i.reason, i.opened_at, i.decided_by,
                       ARRAY(SELECT DISTINCT a.collar_id FROM alerts a
                              WHERE CASE i.fleet WHEN 'FIRMWARE' THEN a.collar_firmware ELSE a.hub_model END = i.fleet_key
                                AND a.kind = 'LOW_ACTIVITY' AND a.state = 'FIRING'
                                AND a.received_at > i.opened_at - interval '1 day' ORDER BY 1),
                       (SELECT count(*) FROM outreach_cases oc WHERE oc.incident_id = i.id AND oc.status = 'HELD')
                  FROM incidents i ORDER BY i.id DESC""",
                rs -> new Incident(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getTimestamp(6).toInstant(), Optional.ofNullable(rs.getString(7)),
                        List.of((String[]) rs.getArray(8).getArray()), rs.getLong(9)));
    }

    /** Sends the held outreach now (release) or drops it (discard); empty when the incident is not open. */
    @Transactional
    public Optional<Long> decide(long incidentId, boolean release, String operator) {
        int updated = jdbc.update("""
                UPDATE incidents SET status = ?, decided_by = ?, decided_at = now() WHERE id = ? AND status = 'OPEN'""",
                release ? "RELEASED" : "DISCARDED", operator, incidentId);
        if (updated == 0) {
            return Optional.empty();
        }
        List<Long> held = jdbc.query("SELECT id FROM outreach_cases WHERE incident_id = ? AND status = 'HELD'",
                rs -> rs.getLong(1), incidentId);
        if (release) {
            jdbc.update("""
                    UPDATE messages SET status = 'QUEUED', send_after = now()
                     WHERE status = 'HELD' AND case_id IN (SELECT id FROM outreach_cases WHERE incident_id = ?)""",
                    incidentId);
            jdbc.update("UPDATE outreach_cases SET status = 'AWAITING_OWNER' WHERE incident_id = ? AND status = 'HELD'",
                    incidentId);
        } else {
            jdbc.update("""
                    UPDATE messages SET status = 'FAILED', error = ?
                     WHERE status = 'HELD' AND case_id IN (SELECT id FROM outreach_cases WHERE incident_id = ?)""",
                    "discarded by " + operator + " with incident " + incidentId, incidentId);
            jdbc.update("""
                    UPDATE outreach_cases SET status = 'CLOSED', closed_at = now(), outcome = ?, outcome_by = ?
                     WHERE incident_id = ? AND status = 'HELD'""",
                    "outreach discarded with fleet incident " + incidentId, operator, incidentId);
        }
        for (long id : held) {
            cases.event(id, release ? "RELEASED" : "DISCARDED", operator + (release ? " released" : " discarded")
                    + " the outreach held by fleet incident " + incidentId);
        }
        return Optional.of((long) held.size());
    }
}
