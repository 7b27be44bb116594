package io.petwatch.collector.incident;

import io.petwatch.collector.casefile.CaseFile;
import io.petwatch.collector.outreach.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.Jdbi;

/** Engineering incidents ({@code incidents}) and an operator's decision on the outreach they hold. */
@ApplicationScoped
public class Incidents {
    private static final Logger LOG = Logger.getLogger(Incidents.class);

    private final Jdbi jdbi;
    private final CaseFile cases;
    private final Outbox outbox;
    private final Clock clock;

    public Incidents(Jdbi jdbi, CaseFile cases, Outbox outbox, Clock clock) {
        this.jdbi = jdbi;
        this.cases = cases;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * An incident with the collars it concerns: every collar of its fleet that fired in its window.
     *
     * @param fleet {@code FIRMWARE} or {@code HUB_MODEL}
     * @param key   the firmware version or hub model
     */
    public record Incident(long id, String fleet, String key, String status, String reason, Instant openedAt,
                           Optional<String> decidedBy, List<String> collars, long heldCases, long heldHigh) {
    }

    public List<Incident> list() {
        return jdbi.withHandle(h -> h.select("""
                SELECT i.id, i.fleet, i.fleet_key, i.status, i.reason, i.opened_at, i.decided_by,
                       ARRAY(SELECT DISTINCT a.collar_id FROM alerts a
                              WHERE CASE i.fleet WHEN 'FIRMWARE' THEN a.collar_firmware ELSE a.hub_model END = i.fleet_key
                                AND a.kind = 'LOW_ACTIVITY' AND a.state = 'FIRING'
                                AND a.received_at > i.opened_at - interval '1 day' ORDER BY 1),
                       (SELECT count(*) FROM outreach_cases oc WHERE oc.incident_id = i.id AND oc.status = 'HELD'),
                       (SELECT count(*) FROM outreach_cases oc WHERE oc.incident_id = i.id AND oc.status = 'HELD'
                           AND oc.severity = 'HIGH')
                  FROM incidents i ORDER BY i.id DESC""")
                .map((rs, ctx) -> new Incident(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getTimestamp(6).toInstant(), Optional.ofNullable(rs.getString(7)),
                        strings(rs.getArray(8)), rs.getLong(9), rs.getLong(10)))
                .list());
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }

    /**
     * Opens the fleet's incident, or joins the one already open (two workers that both see a storm meet at the
     * one-open-incident index, and the later joins the first); returns its id.
     */
    public long open(Fleet fleet, String key, String reason) {
        Optional<Long> opened = jdbi.withHandle(h -> h.select("""
                INSERT INTO incidents (fleet, fleet_key, status, reason, opened_at) VALUES (?, ?, 'OPEN', ?, ?)
                ON CONFLICT (fleet, fleet_key) WHERE status = 'OPEN' DO NOTHING RETURNING id""",
                fleet.name(), key, reason, clock.instant()).mapTo(Long.class).findFirst());
        opened.ifPresent(id -> LOG.warnf("Engineering incident %d opened: %s; owner outreach for these alerts is held",
                id, reason));
        return opened.or(() -> jdbi.withHandle(h -> h.select(
                        "SELECT id FROM incidents WHERE fleet = ? AND fleet_key = ? AND status = 'OPEN'",
                        fleet.name(), key).mapTo(Long.class).findFirst()))
                .orElseThrow(() -> new IllegalStateException("incident for " + fleet + " " + key + " vanished"));
    }

    /** Sends the held outreach now (release) or drops it (discard); empty when the incident is not open. */
    @Transactional
    public Optional<Long> decide(long incidentId, boolean release, String operator) {
        int updated = jdbi.withHandle(h -> h.execute("""
                UPDATE incidents SET status = ?, decided_by = ?, decided_at = ? WHERE id = ? AND status = 'OPEN'""",
                release ? "RELEASED" : "DISCARDED", operator, clock.instant(), incidentId));
        if (updated == 0) {
            return Optional.empty();
        }
        List<Long> held;
        if (release) {
            held = cases.releaseHeld(incidentId);
            outbox.releaseHeld(held);
        } else {
            held = cases.discardHeld(incidentId, "outreach discarded with fleet incident " + incidentId, operator);
            outbox.discardHeld(held, "discarded by " + operator + " with incident " + incidentId);
        }
        cases.events(held.stream().map(id -> new CaseFile.Event(id, release ? "RELEASED" : "DISCARDED", operator
                + (release ? " released" : " discarded") + " the outreach held by fleet incident " + incidentId))
                .toList());
        return Optional.of((long) held.size());
    }
}
