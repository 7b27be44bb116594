package io.petwatch.collector.ingest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * An alert stored for the first time, as triage needs it. It travels from ingest to the playbook in memory, so triage
 * never reads back what ingest has just written; the start-up re-drive reads the same columns from the table.
 *
 * @param collarFirmware the firmware the collar reported with the alert, for the fleet-storm check
 * @param hubModel       the model of the hub that uploaded it, for the same check
 */
public record AcceptedAlert(String alertId, String collarId, String kind, String state, String severity,
                            Instant episodeStart, Instant windowEnd, Instant detectedAt, double activityRatio,
                            String summary, Optional<String> collarFirmware, Optional<String> hubModel) {

    /** The columns {@link #fromRow} reads, in its order. */
    public static final String COLUMNS = """
            alert_id, collar_id, kind, state, severity, window_start, window_end, detected_at, activity_ratio, summary,
            collar_firmware, hub_model""";

    public static AcceptedAlert fromRow(ResultSet rs) throws SQLException {
        return new AcceptedAlert(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant(),
                rs.getDouble(9), rs.getString(10), Optional.ofNullable(rs.getString(11)),
                Optional.ofNullable(rs.getString(12)));
    }

    public boolean firing() {
        return "FIRING".equals(state);
    }

    /** Hours of evidence behind the alert, as the owner will read them. */
    public long windowHours() {
        return Duration.between(episodeStart, windowEnd).toHours();
    }
}
