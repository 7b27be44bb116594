package io.petwatch.bench.baseline;

import io.petwatch.proto.v1.Alert;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The baseline's table and its one-row insert, shared by the baseline service ({@link BaselineAlertResource}) and
 * {@code bench/insert-cost}, so both measure the same statement.
 */
public final class BaselineRows {
    private BaselineRows() {
    }

    /** Creates {@code table} (schema-qualified or not) unless it exists. */
    public static String createTable(String table) {
        return "CREATE TABLE IF NOT EXISTS " + table + " ("
                + " alert_id TEXT PRIMARY KEY, hub_id TEXT NOT NULL, collar_id TEXT NOT NULL, kind TEXT NOT NULL,"
                + " state TEXT NOT NULL, severity TEXT NOT NULL, window_start TIMESTAMPTZ NOT NULL,"
                + " window_end TIMESTAMPTZ NOT NULL, detected_at TIMESTAMPTZ NOT NULL,"
                + " received_at TIMESTAMPTZ NOT NULL DEFAULT now(), summary TEXT NOT NULL, payload BYTEA NOT NULL)";
    }

    /** One alert into {@code table}; an id already there is left alone (update count 0). */
    public static String insert(String table) {
        return "INSERT INTO " + table + " (alert_id, hub_id, collar_id, kind, state, severity, window_start,"
                + " window_end, detected_at, summary, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (alert_id) DO NOTHING";
    }

    /** Binds one alert to {@link #insert}'s statement and adds it to the batch; {@code hubId} when the alert has none. */
    public static void addToBatch(PreparedStatement s, Alert a, String hubId) throws SQLException {
        s.setString(1, a.getAlertId());
        s.setString(2, a.getHubId().isEmpty() ? hubId : a.getHubId());
        s.setString(3, a.getCollarId());
        s.setString(4, a.getKind().name());
        s.setString(5, a.getState().name());
        s.setString(6, a.getSeverity().name());
        s.setObject(7, time(a.getWindowStartMs()));
        s.setObject(8, time(a.getWindowEndMs()));
        s.setObject(9, time(a.getDetectedAtMs()));
        s.setString(10, a.getSummary());
        s.setBytes(11, a.toByteArray());
        s.addBatch();
    }

    private static OffsetDateTime time(long epochMs) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMs), ZoneOffset.UTC);
    }
}
