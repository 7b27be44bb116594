package io.petwatch.collector.ingest;

import io.petwatch.proto.v1.Alert;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.Query;

/**
 * Stores an upload's alerts with one plain {@code INSERT} (one round trip, however many alerts; without
 * a transaction around it the statement commits by itself, so an upload costs no BEGIN and no COMMIT round trips).
 * The insert joins each alert to its collar, so an alert for a collar that is not this hub's is not stored. Only when
 * some alert was not stored (a duplicate, or a collar not this hub's) does a second query read those collars' owners,
 * to say which it was. An id repeated within one upload is stored once, for its first occurrence.
 *
 * <p>Why two statements and not one: the single statement that also answered per alert (a CTE with an outer join and
 * a window function) cost PostgreSQL about twice the CPU of this insert for an upload of one alert (bench/README.md).
 *
 * <p>An upload of one alert reads the insert's update count (1: stored now) instead of a {@code RETURNING} row: there
 * is no result to describe and map (bench/README.md, session 17, for what a result row cost before pgjdbc 42.7.13).
 */
final class AlertRows {
    private static final String COLUMNS = """
            alert_id, hub_id, collar_id, kind, state, severity, window_start, window_end, detected_at, raised_at,
            detector, detector_params, summary, activity_ratio, worn_coverage, payload, collar_firmware, hub_model,
            received_at""";
    /** One alert: scalar parameters, no arrays to parse. */
    private static final String STORE_ONE = "INSERT INTO alerts (" + COLUMNS + """
            )
            SELECT ?, c.hub_id, c.id, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, NULLIF(?, ''), NULLIF(?, ''), ?
              FROM collars c WHERE c.id = ? AND c.hub_id = ?
            ON CONFLICT (alert_id) DO NOTHING""";
    private static final String STORE_MANY = "INSERT INTO alerts (" + COLUMNS + """
            )
            SELECT v.alert_id, c.hub_id, c.id, v.kind, v.state, v.severity, v.window_start, v.window_end, v.detected_at,
                   v.raised_at, v.detector, v.params::jsonb, v.summary, v.ratio, v.worn, v.payload,
                   NULLIF(v.firmware, ''), NULLIF(?, ''), ?
              FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[],
                          ?::timestamptz[], ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::real[], ?::real[],
                          ?::bytea[], ?::text[])
                   WITH ORDINALITY AS v(alert_id, collar_id, kind, state, severity, window_start, window_end,
                                        detected_at, raised_at, detector, params, summary, ratio, worn, payload,
                                        firmware, n)
              JOIN collars c ON c.id = v.collar_id AND c.hub_id = ?
             ORDER BY v.n
            ON CONFLICT (alert_id) DO NOTHING
            RETURNING alert_id""";

    private AlertRows() {
    }

    /** Per alert given: the hub its collar is registered to (empty: none), and whether it was stored now. */
    record Stored(Optional<String> owner, boolean now) {
    }

    static List<Stored> store(Handle h, String hubId, String hubModel, List<Alert> alerts, List<String> params,
                              Instant receivedAt) {
        Set<String> inserted = new HashSet<>();
        if (alerts.size() > 1) {
            inserted.addAll(storeMany(h, hubId, hubModel, alerts, params, receivedAt));
        } else if (storeOne(h, hubId, hubModel, alerts.get(0), params.get(0), receivedAt)) {
            inserted.add(alerts.get(0).getAlertId());
        }
        Map<String, String> owners = inserted.size() == alerts.size() ? Map.of() : owners(h, alerts, inserted);
        List<Stored> stored = new ArrayList<>(alerts.size());
        for (Alert alert : alerts) {
            // remove: a repeated id counts as stored for its first occurrence only
            stored.add(inserted.remove(alert.getAlertId()) ? new Stored(Optional.of(hubId), true)
                    : new Stored(Optional.ofNullable(owners.get(alert.getCollarId())), false));
        }
        return stored;
    }

    /** Whether the alert was stored now (its update count: no RETURNING, see the class comment). */
    private static boolean storeOne(Handle h, String hubId, String hubModel, Alert a, String params,
                                    Instant receivedAt) {
        return h.createUpdate(STORE_ONE)
                .bind(0, a.getAlertId()).bind(1, a.getKind().name()).bind(2, a.getState().name())
                .bind(3, a.getSeverity().name()).bind(4, time(a.getWindowStartMs())).bind(5, time(a.getWindowEndMs()))
                .bind(6, time(a.getDetectedAtMs())).bind(7, time(a.getRaisedAtMs()))
                .bind(8, a.getDetector().getName() + "/" + a.getDetector().getVersion()).bind(9, params)
                .bind(10, a.getSummary()).bind(11, a.getEvidence().getActivityRatio())
                .bind(12, a.getEvidence().getWornCoverage()).bind(13, a.toByteArray()).bind(14, a.getCollarFirmware())
                .bind(15, hubModel).bind(16, receivedAt).bind(17, a.getCollarId()).bind(18, hubId)
                .execute() == 1;
    }

    private static List<String> storeMany(Handle h, String hubId, String hubModel, List<Alert> alerts,
                                          List<String> params, Instant receivedAt) {
        Query q = h.createQuery(STORE_MANY);
        int i = 0;
        q.bind(i++, hubModel);
        q.bind(i++, receivedAt);
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
        q.bind(i, hubId);
        return q.mapTo(String.class).list();
    }

    /** The owners of the collars of the alerts not stored now: a duplicate's is this hub, a stranger's is not. */
    private static Map<String, String> owners(Handle h, List<Alert> alerts, Set<String> inserted) {
        String[] collars = alerts.stream().filter(a -> !inserted.contains(a.getAlertId())).map(Alert::getCollarId)
                .distinct().toArray(String[]::new);
        Map<String, String> owners = new HashMap<>();
        h.createQuery("SELECT id, hub_id FROM collars WHERE id = ANY(?)").bind(0, array("text", collars))
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> owners.put(e.getKey(), e.getValue()));
        return owners;
    }

    private static Argument text(List<Alert> alerts, Function<Alert, String> field) {
        return array("text", alerts.stream().map(field).toArray(String[]::new));
    }

    /** Epoch milliseconds as timestamps; 0 (unset in protobuf) as NULL. */
    private static Argument times(List<Alert> alerts, ToLongFunction<Alert> field) {
        return array("timestamptz", alerts.stream().map(a -> time(field.applyAsLong(a))).toArray(Timestamp[]::new));
    }

    private static Timestamp time(long ms) {
        return ms > 0 ? new Timestamp(ms) : null;
    }

    private static Argument array(String type, Object[] values) {
        return (position, statement, context) -> statement.setArray(position,
                statement.getConnection().createArrayOf(type, values));
    }
}
