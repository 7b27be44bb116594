package io.petwatch.collector.incident;

import io.petwatch.collector.config.PetwatchConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * What the playbook needs to judge whether a low-activity alert belongs to a fleet storm: an open incident for its
 * collar's firmware or its hub's model, or else how many of each fleet's collars are firing. It only reads; the
 * playbook's {@code TriagePolicy} decides, with the thresholds of a {@link StormPolicy}.
 */
@ApplicationScoped
public class FleetWatch {
    private final Jdbi jdbi;
    private final StormPolicy policy;
    private final Duration censusMaxAge;

    public FleetWatch(Jdbi jdbi, StormPolicy policy, PetwatchConfig config) {
        this.jdbi = jdbi;
        this.policy = policy;
        this.censusMaxAge = config.storm().censusMaxAge();
    }

    /** One fleet's numbers: collars firing low-activity alerts in the storm window, and all its known collars. */
    public record FleetCount(Fleet fleet, String key, long firing, long known) {
    }

    /** The facts for one alert: the open incident that holds its fleet, or each of its fleets' counts. */
    public record StormFacts(Optional<Long> openIncident, List<FleetCount> counts) {
        public static StormFacts none() {
            return new StormFacts(Optional.empty(), List.of());
        }
    }

    /** Reads the facts for an alert from these fleets (either may be unknown). */
    public StormFacts facts(Optional<String> collarFirmware, Optional<String> hubModel, Instant now) {
        if (collarFirmware.isEmpty() && hubModel.isEmpty()) {
            return StormFacts.none(); // not a member of any fleet we know
        }
        // One round trip for both fleets' open incidents, the firmware's first: this runs for every such alert.
        Optional<Long> open = jdbi.withHandle(h -> h.select("""
                SELECT id FROM incidents
                 WHERE status = 'OPEN'
                   AND ((fleet = 'FIRMWARE' AND fleet_key = ?) OR (fleet = 'HUB_MODEL' AND fleet_key = ?))
                 ORDER BY fleet = 'FIRMWARE' DESC LIMIT 1""", collarFirmware.orElse(null), hubModel.orElse(null))
                .mapTo(Long.class).findFirst());
        if (open.isPresent()) {
            return new StormFacts(open, List.of());
        }
        List<FleetCount> counts = new ArrayList<>();
        for (Fleet fleet : Fleet.values()) {
            fleet.keyOf(collarFirmware, hubModel).ifPresent(key -> counts.add(count(fleet, key, now)));
        }
        return new StormFacts(Optional.empty(), counts);
    }

    private FleetCount count(Fleet fleet, String key, Instant now) {
        // The count reads alerts that ingest committed before triage began, so no lock is needed to count.
        long firing = jdbi.withHandle(h -> h.select(fleet.firingSql, key, now.minus(policy.window()))
                .mapTo(Long.class).one());
        // The usual case is far below the threshold: spare the count of the whole fleet.
        long known = firing < policy.minCollars() ? 0
                : jdbi.withHandle(h -> h.createQuery(fleet.knownSql).bind("key", key)
                        .bind("fresh", now.minus(censusMaxAge)).mapTo(Long.class).one());
        // A census up to an hour old may not list a collar that has just joined: the fleet is at least what fires.
        return new FleetCount(fleet, key, firing, Math.max(known, firing));
    }
}
