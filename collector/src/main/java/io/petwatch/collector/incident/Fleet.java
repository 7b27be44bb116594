package io.petwatch.collector.incident;

import java.util.Optional;

/**
 * A population of devices that share a possible fault: collars on one firmware, or collars behind hubs of one
 * model. Each knows how to count its members that are firing low-activity alerts and all its known members: the
 * active collars of hubs that sent a recent census, plus the collars registered behind hubs that did not.
 */
public enum Fleet {
    FIRMWARE("firmware", """
            SELECT count(DISTINCT collar_id) FROM alerts
             WHERE collar_firmware = ? AND kind = 'LOW_ACTIVITY' AND state = 'FIRING' AND received_at > ?""",
            // Hubs with a recent census count their active collars; behind the others, the collars known here.
            """
            SELECT (SELECT coalesce(sum(n.collars), 0) FROM hub_census n JOIN hubs h ON h.id = n.hub_id
                     WHERE n.firmware = :key AND h.census_at > :fresh)
                 + (SELECT count(*) FROM collars c JOIN hubs h ON h.id = c.hub_id
                     WHERE c.firmware = :key AND (h.census_at IS NULL OR h.census_at <= :fresh))"""),
    HUB_MODEL("hub model", """
            SELECT count(DISTINCT collar_id) FROM alerts
             WHERE hub_model = ? AND kind = 'LOW_ACTIVITY' AND state = 'FIRING' AND received_at > ?""",
            """
            SELECT (SELECT coalesce(sum(n.collars), 0) FROM hub_census n JOIN hubs h ON h.id = n.hub_id
                     WHERE h.model = :key AND h.census_at > :fresh)
                 + (SELECT count(*) FROM collars c JOIN hubs h ON h.id = c.hub_id
                     WHERE h.model = :key AND (h.census_at IS NULL OR h.census_at <= :fresh))""");

    private final String label;
    final String firingSql;
    final String knownSql;

    Fleet(String label, String firingSql, String knownSql) {
        this.label = label;
        this.firingSql = firingSql;
        this.knownSql = knownSql;
    }

    /** How people name it: "firmware", "hub model". */
    public String label() {
        return label;
    }

    /** An alert's member of this fleet: its collar's firmware or its hub's model, when reported. */
    public Optional<String> keyOf(Optional<String> collarFirmware, Optional<String> hubModel) {
        return this == FIRMWARE ? collarFirmware : hubModel;
    }
}
