package io.petwatch.collector.incident;

import io.petwatch.collector.playbook.TriageRequest;
import io.petwatch.collector.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Checks, inside the triage transaction, whether a low-activity alert belongs to a fleet storm: an open incident for
 * its collar's firmware or its hub's model, or one that this alert's fleet now deserves. Returns the incident that
 * holds its outreach.
 */
@ApplicationScoped
public class StormGuard {
    private static final Logger LOG = Logger.getLogger(StormGuard.class);

    private final Jdbc jdbc;
    private final StormPolicy policy;

    public StormGuard(Jdbc jdbc, StormPolicy policy) {
        this.jdbc = jdbc;
        this.policy = policy;
    }

    public Optional<Long> holdingIncident(TriageRequest request, Instant now) {
        if (!request.kind().equals("LOW_ACTIVITY") || !request.firing()
                || request.collarFirmware().isEmpty() && request.hubModel().isEmpty()) {
            return Optional.empty(); // not a member of any fleet we know
        }
        // One round trip for both fleets' open incidents, the firmware's first: this runs for every such alert.
        Optional<Long> open = jdbc.first("""
                SELECT id FROM incidents
                 WHERE status = 'OPEN'
                   AND ((fleet = 'FIRMWARE' AND fleet_key = ?) OR (fleet = 'HUB_MODEL' AND fleet_key = ?))
                 ORDER BY fleet = 'FIRMWARE' DESC LIMIT 1""", rs -> rs.getLong(1),
                request.collarFirmware(), request.hubModel());
        if (open.isPresent()) {
            return open;
        }
        for (Fleet fleet : Fleet.values()) {
            Optional<Long> opened = fleet.keyOf(request).flatMap(key -> openIfStorm(fleet, key, now));
            if (opened.isPresent()) {
                return opened;
            }
        }
        return Optional.empty();
    }

    private Optional<Long> openIfStorm(Fleet fleet, String key, Instant now) {
        // The count reads alerts that ingest committed before triage began, so no lock is needed to count; two
        // transactions that both see a storm meet at the one-open-incident index, and the later joins the first.
        long firing = jdbc.count(fleet.firingSql, key, now.minus(policy.window()));
        if (firing < policy.minCollars()) {
            return Optional.empty(); // the usual case: spare the count of the whole fleet
        }
        long known = jdbc.count(fleet.knownSql, key);
        if (!policy.storm(firing, known)) {
            return Optional.empty();
        }
        String reason = String.format(Locale.ROOT, "%d of %d known collars on %s %s started low-activity alerts within"
                + " %d h (thresholds: %d collars, %.0f%%): more likely a %s fault than sick pets", firing, known,
                fleet.label(), key, policy.window().toHours(), policy.minCollars(), policy.minShare() * 100,
                fleet.label());
        Optional<Long> opened = jdbc.first("""
                INSERT INTO incidents (fleet, fleet_key, status, reason) VALUES (?, ?, 'OPEN', ?)
                ON CONFLICT (fleet, fleet_key) WHERE status = 'OPEN' DO NOTHING RETURNING id""",
                rs -> rs.getLong(1), fleet.name(), key, reason);
        opened.ifPresent(id -> LOG.warnf("Engineering incident %d opened: %s; owner outreach for these alerts is held",
                id, reason));
        return opened.or(() -> openIncident(fleet, key));
    }

    private Optional<Long> openIncident(Fleet fleet, String key) {
        return jdbc.first("SELECT id FROM incidents WHERE fleet = ? AND fleet_key = ? AND status = 'OPEN'",
                rs -> rs.getLong(1), fleet.name(), key);
    }
}
