package io.petwatch.collector.ingest;

import io.petwatch.proto.v1.Alert;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.Query;

/**
 * Stores an upload's alerts in one statement (one round trip, one plan, however many alerts): the rows go in as
 * arrays, each is joined to its collar so an alert for a collar that is not this hub's is not stored, and the answer
 * says per alert which hub owns its collar and whether it was stored now or had been before (an id repeated within
 * one upload is stored once, for its first occurrence). Without a transaction
 * around it the statement commits by itself: an upload costs no BEGIN and no COMMIT round trips.
 */
final class AlertRows {
    private static final String STORE = """
            WITH v AS (
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[],
                                     ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::text[], ?::text[],
                                     ?::text[], ?::real[], ?::real[], ?::bytea[], ?::text[])
                       WITH ORDINALITY AS v(alert_id, collar_id, kind, state, severity, window_start, window_end,
                                            detected_at, raised_at, detector, params, summary, ratio, worn, payload,
                                            firmware, n)),
            owned AS (SELECT v.*, c.hub_id AS owner FROM v LEFT JOIN collars c ON c.id = v.collar_id),
            stored AS (
                INSERT INTO alerts (alert_id, hub_id, collar_id, kind, state, severity, window_start, window_end,
                                    detected_at, raised_at, detector, detector_params, summary, activity_ratio,
                                    worn_coverage, payload, collar_firmware, hub_model, received_at)
                SELECT alert_id, ?, collar_id, kind, state, severity, window_start, window_end, detected_at, raised_at,
                       detector, params::jsonb, summary, ratio, worn, payload, NULLIF(firmware, ''), NULLIF(?, ''), ?
                  FROM owned WHERE owner = ? ORDER BY n
                ON CONFLICT (alert_id) DO NOTHING
                RETURNING alert_id)
            SELECT o.owner, s.alert_id IS NOT NULL AND row_number() OVER (PARTITION BY o.alert_id ORDER BY o.n) = 1
              FROM owned o LEFT JOIN stored s ON s.alert_id = o.alert_id
             ORDER BY o.n""";

    private AlertRows() {
    }

    /** Per alert given: the hub its collar is registered to (empty: none), and whether it was stored now. */
    record Stored(Optional<String> owner, boolean now) {
    }

    static List<Stored> store(Handle h, String hubId, String hubModel, List<Alert> alerts, List<String> params,
                              Instant receivedAt) {
        Query q = h.createQuery(STORE);
        int i = 0;
        q.bind(i++, text(alerts, Alert::getAlertId));
        q.bind(i++, text(alerts, Alert::getCollarId));
        q.bind(i++, text(alerts, a -> a.getKind().name()));
        q.bind(i++, text(alerts, a -> a.getState().name()));
        q.bind(i++, text(alerts, a -> a.getSeverity().name()));
        q.bind(i++, times(alerts, Alert::getWindowStartMs));
        q.bind(i++, times(alerts, Alert::getWindowEndMs));
        q.bind(i++, times(alerts, Alert::getDetectedAtMs));
        q.bind(i++, times(alerts, Alert::getRaisedAtMs));
        q.bind(i++, text(alerts, a -> a.getDetector().getName() + "/" + a.getDetector().getVersion()));
        q.bind(i++, array("text", params.toArray(String[]::new)));
        q.bind(i++, text(alerts, Alert::getSummary));
        q.bind(i++, array("float4", alerts.stream().map(a -> a.getEvidence().getActivityRatio()).toArray(Float[]::new)));
        q.bind(i++, array("float4", alerts.stream().map(a -> a.getEvidence().getWornCoverage()).toArray(Float[]::new)));
        q.bind(i++, array("bytea", alerts.stream().map(Alert::toByteArray).toArray(byte[][]::new)));
        q.bind(i++, text(alerts, Alert::getCollarFirmware));
        q.bind(i++, hubId);
        q.bind(i++, hubModel);
        q.bind(i++, receivedAt);
        q.bind(i, hubId);
        return q.map((rs, ctx) -> new Stored(Optional.ofNullable(rs.getString(1)), rs.getBoolean(2))).list();
    }

    private static Argument text(List<Alert> alerts, Function<Alert, String> field) {
        return array("text", alerts.stream().map(field).toArray(String[]::new));
    }

    /** Epoch milliseconds as timestamps; 0 (unset in protobuf) as NULL. */
    private static Argument times(List<Alert> alerts, java.util.function.ToLongFunction<Alert> field) {
        return array("timestamptz", alerts.stream().map(a -> {
            long ms = field.applyAsLong(a);
            return ms > 0 ? new Timestamp(ms) : null;
        }).toArray(Timestamp[]::new));
    }

    private static Argument array(String type, Object[] values) {
        return (position, statement, context) -> statement.setArray(position,
                statement.getConnection().createArrayOf(type, values));
    }
}
