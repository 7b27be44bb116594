package io.petwatch.bench.collector;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Time from "alert accepted" to "text handed to the provider", for the texts of alerts accepted in a window, and its
 * two parts at the 95th percentile: waiting for a triage worker (accepted to the start of the deciding transaction,
 * whose {@code now()} stamps the alert's {@code processed_at} and the message's {@code created_at}), and from there to
 * handed over (deciding, committing, and the message relay).
 */
record Notify(long texts, double p50Ms, double p95Ms, double triageP95Ms, double relayP95Ms) {
    /** How long the collector took to decide every alert it had accepted, and how many that was. */
    record Drain(double seconds, long decided) {
    }

    static Drain drain(String jdbc) throws SQLException, InterruptedException {
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "")) {
            long began = System.nanoTime();
            long backlog = pending(c);
            while (pending(c) > 0) {
                if (System.nanoTime() - began > 1_800_000_000_000L) {
                    throw new IllegalStateException("triage did not catch up within 30 minutes");
                }
                Thread.sleep(100);
            }
            return new Drain((System.nanoTime() - began) / 1e9, backlog);
        }
    }

    static Notify measure(String jdbc, Instant from, Instant to) throws SQLException, InterruptedException {
        drain(jdbc);
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "")) {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT count(*),
                           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM m.sent_at - a.received_at)),
                           percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM m.sent_at - a.received_at)),
                           percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM a.processed_at - a.received_at)),
                           percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM m.sent_at - m.created_at))
                      FROM messages m JOIN outreach_cases oc ON oc.id = m.case_id
                      JOIN alerts a ON a.alert_id = oc.opened_by_alert
                     WHERE m.status = 'SENT' AND a.received_at BETWEEN ? AND ?""")) {
                s.setTimestamp(1, Timestamp.from(from));
                s.setTimestamp(2, Timestamp.from(to));
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return new Notify(rs.getLong(1), rs.getDouble(2) * 1000, rs.getDouble(3) * 1000,
                            rs.getDouble(4) * 1000, rs.getDouble(5) * 1000);
                }
            }
        }
    }

    private static long pending(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT (SELECT count(*) FROM alerts WHERE status = 'RECEIVED')
                     + (SELECT count(*) FROM messages WHERE status = 'QUEUED')""");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
