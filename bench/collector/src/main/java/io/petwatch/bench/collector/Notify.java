package io.petwatch.bench.collector;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the bench reads from the collector's tables: the triage backlog ({@code alerts.status = 'RECEIVED'}), how fast
 * it was decided ({@code alerts.processed_at}, stamped when an alert is decided), and the time to notify: from an
 * alert's receipt ({@code alerts.received_at}) to the first text of the case it opened handed to the provider
 * ({@code messages.sent_at}, joined through {@code outreach_cases.opened_by_alert} and {@code messages.case_id}).
 */
final class Notify {
    private Notify() {
    }

    static Connection connect(String jdbc) throws SQLException {
        return DriverManager.getConnection(jdbc, "postgres", "");
    }

    static long received(Connection c) throws SQLException {
        return single(c, "SELECT count(*) FROM alerts WHERE status = 'RECEIVED'");
    }

    static long queued(Connection c) throws SQLException {
        return single(c, "SELECT count(*) FROM messages WHERE status = 'QUEUED'");
    }

    /**
     * Waits until triage has decided every alert and the relay has sent every queued message. Polls with EXISTS, not
     * count(*): counting every queued message each 100 ms cost 26 ms of the machine's CPU per poll while the
     * collector was draining its backlog (pg_stat_statements).
     */
    static double settle(Connection c, long timeoutSeconds) throws SQLException, InterruptedException {
        long began = System.nanoTime();
        while (single(c, """
                SELECT (EXISTS (SELECT 1 FROM alerts WHERE status = 'RECEIVED')
                        OR EXISTS (SELECT 1 FROM messages WHERE status = 'QUEUED'))::int""") > 0) {
            if (System.nanoTime() - began > timeoutSeconds * 1_000_000_000L) {
                throw new IllegalStateException("triage and relay did not settle within " + timeoutSeconds + " s: "
                        + received(c) + " alerts RECEIVED, " + queued(c) + " messages QUEUED");
            }
            Thread.sleep(100);
        }
        return (System.nanoTime() - began) / 1e9;
    }

    /** Catch-up: alerts decided since {@code since} and the span of their processed_at, by status. */
    record Decided(long count, double spanSeconds, double middleRate, Map<String, Long> byStatus) {
    }

    static Decided decidedSince(Connection c, Instant since) throws SQLException {
        Map<String, Long> byStatus = byStatus(c, "processed_at >= ? AND status <> 'RECEIVED'", since);
        long count = byStatus.values().stream().mapToLong(Long::longValue).sum();
        double span = 0;
        double middle = 0;
        // The middle 80% of the decisions (by processed_at) as well: the rate once the new JVM has warmed up.
        try (PreparedStatement s = c.prepareStatement("""
                SELECT extract(epoch FROM max(processed_at) - min(processed_at)),
                       extract(epoch FROM percentile_disc(0.9) WITHIN GROUP (ORDER BY processed_at)
                                        - percentile_disc(0.1) WITHIN GROUP (ORDER BY processed_at))
                  FROM alerts WHERE processed_at >= ? AND status <> 'RECEIVED'""")) {
            s.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                span = rs.getDouble(1);
                middle = 0.8 * count / Math.max(rs.getDouble(2), 1e-3);
            }
        }
        return new Decided(count, span, middle, byStatus);
    }

    /** Time to notify for the alerts of the notify set's collars (each its customer's one alert) received since. */
    record TimeToNotify(long alerts, long texted, double p50Ms, double p95Ms, double maxMs, double decidedP95Ms,
                        Map<String, Long> byStatus) {
    }

    static TimeToNotify timeToNotify(Connection c, Instant since) throws SQLException {
        Map<String, Long> byStatus = byStatus(c, "collar_id LIKE 'bench-notify-%' AND received_at >= ?", since);
        long alerts = byStatus.values().stream().mapToLong(Long::longValue).sum();
        try (PreparedStatement s = c.prepareStatement("""
                WITH t AS (
                  SELECT a.alert_id, extract(epoch FROM min(m.sent_at) - a.received_at) AS notify,
                         extract(epoch FROM a.processed_at - a.received_at) AS decided
                    FROM alerts a JOIN outreach_cases oc ON oc.opened_by_alert = a.alert_id
                    JOIN messages m ON m.case_id = oc.id AND m.status = 'SENT'
                   WHERE a.collar_id LIKE 'bench-notify-%' AND a.received_at >= ?
                   GROUP BY a.alert_id, a.received_at, a.processed_at)
                SELECT count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY notify),
                       percentile_cont(0.95) WITHIN GROUP (ORDER BY notify), max(notify),
                       percentile_cont(0.95) WITHIN GROUP (ORDER BY decided)
                  FROM t""")) {
            s.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new TimeToNotify(alerts, rs.getLong(1), rs.getDouble(2) * 1000, rs.getDouble(3) * 1000,
                        rs.getDouble(4) * 1000, rs.getDouble(5) * 1000, byStatus);
            }
        }
    }

    /** Alerts by status among those matching {@code where}, whose one parameter is {@code since}. */
    private static Map<String, Long> byStatus(Connection c, String where, Instant since) throws SQLException {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT status, count(*) FROM alerts WHERE " + where
                + " GROUP BY status ORDER BY status")) {
            s.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byStatus.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return byStatus;
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
