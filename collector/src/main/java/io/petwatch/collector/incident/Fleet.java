package io.petwatch.collector.incident;

import java.util.Optional;

/**
 * A population of devices that share a possible fault: collars on one firmware, or collars behind hubs of one
 * model. Each knows how to count its members that are firing low-activity alerts and all its known members.
 */
public enum Fleet {
    FIRMWARE("firmware", """
            SELECT count(DISTINCT collar_id) FROM alerts
             WHERE collar_firmware = ? AND kind = 'LOW_ACTIVITY' AND state = 'FIRING' AND received_at > ?""",
            "SELECT count(*) FROM collars WHERE firmware = ?"),
    HUB_MODEL("hub model", """
            SELECT count(DISTINCT collar_id) FROM alerts
             WHERE hub_model = ? AND kind = 'LOW_ACTIVITY' AND state = 'FIRING' AND received_at > ?""",
            "SELECT count(*) FROM collars c JOIN hubs h ON h.id = c.hub_id WHERE h.model = ?");

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
