package io.petwatch.collector.ingest;

import io.petwatch.collector.hub.HubRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Keeps each hub's newest census: its active collars by firmware, and when it came. A census replaces the hub's
 * previous one whole, so a collar that moved to a new firmware or went quiet leaves its old count at once.
 */
@ApplicationScoped
public class HubCensusStore {
    private final Jdbi jdbi;
    private final HubRegistry hubs;
    private final Clock clock;

    public HubCensusStore(Jdbi jdbi, HubRegistry hubs, Clock clock) {
        this.jdbi = jdbi;
        this.hubs = hubs;
        this.clock = clock;
    }

    /** Replaces the hub's census with these counts (firmware to collars), stamped with the collector's clock. */
    @Transactional
    public void replace(String hubId, String hubModel, Map<String, Integer> collarsByFirmware) {
        Timestamp now = Timestamp.from(clock.instant());
        String[] firmware = collarsByFirmware.keySet().toArray(String[]::new);
        Integer[] collars = collarsByFirmware.values().toArray(Integer[]::new);
        jdbi.useHandle(h -> {
            h.execute("UPDATE hubs SET census_at = ? WHERE id = ?", now, hubId);
            h.execute("DELETE FROM hub_census WHERE hub_id = ?", hubId);
            if (firmware.length > 0) {
                h.execute("""
                        INSERT INTO hub_census (hub_id, firmware, collars)
                        SELECT ?, f, c FROM unnest(?::text[], ?::int[]) AS v(f, c)""", hubId, firmware, collars);
            }
        });
        if (!hubModel.isEmpty()) {
            hubs.recordModel(hubId, hubModel);
        }
    }
}
