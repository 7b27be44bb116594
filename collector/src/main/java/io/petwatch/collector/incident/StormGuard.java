package io.petwatch.collector.incident;

import io.petwatch.collector.playbook.TriageRequest;
import io.petwatch.collector.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Checks, inside the triage transaction, whether a low-activity alert belongs to a fleet storm: an open incident for
 * its firmware, or one this alert's firmware now deserves. Returns the incident that holds its outreach.
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
        Optional<String> firmware = request.collarFirmware();
        if (firmware.isEmpty() || !request.kind().equals("LOW_ACTIVITY") || !request.firing()) {
            return Optional.empty();
        }
        Optional<Long> open = openIncident(firmware.get());
        if (open.isPresent()) {
            return open;
        }
        // The count reads alerts that ingest committed before triage began, so no lock is needed to count; two
        // transactions that both see a storm meet at the one-open-incident index, and the later joins the first.
        long firing = jdbc.count("""
                SELECT count(DISTINCT collar_id) FROM alerts
                 WHERE collar_firmware = ? AND kind = 'LOW_ACTIVITY' AND state = 'FIRING' AND received_at > ?""",
                firmware.get(), now.minus(policy.window()));
        long known = jdbc.count("SELECT count(*) FROM collars WHERE firmware = ?", firmware.get());
        if (!policy.storm(firing, known)) {
            return Optional.empty();
        }
        String reason = String.format(java.util.Locale.ROOT, "%d of %d known collars on firmware %s started low-activity"
                + " alerts within %d h (thresholds: %d collars, %.0f%%): more likely a firmware fault than sick pets",
                firing, known, firmware.get(), policy.window().toHours(), policy.minCollars(), policy.minShare() * 100);
        Optional<Long> opened = jdbc.first("""
                INSERT INTO incidents (firmware, status, reason) VALUES (?, 'OPEN', ?)
                ON CONFLICT (firmware) WHERE status = 'OPEN' DO NOTHING RETURNING id""",
                rs -> rs.getLong(1), firmware.get(), reason);
        opened.ifPresent(id -> LOG.warnf("Engineering incident %d opened: %s; owner outreach for these alerts is held",
                id, reason));
        return opened.or(() -> openIncident(firmware.get()));
    }

    private Optional<Long> openIncident(String firmware) {
        return jdbc.first("SELECT id FROM incidents WHERE firmware = ? AND status = 'OPEN'", rs -> rs.getLong(1),
                firmware);
    }
}
