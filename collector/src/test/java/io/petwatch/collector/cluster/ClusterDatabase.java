package io.petwatch.collector.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one fresh schema both collectors share, in the local PostgreSQL's database {@code test}, read directly over JDBC
 * for the verdict (never through the collectors' own API). Dropped at the end.
 */
final class ClusterDatabase implements AutoCloseable {
    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String USER = "postgres";

    private final String schema;

    private ClusterDatabase(String schema) {
        this.schema = schema;
    }

    /** A new empty schema; the collectors' Flyway migrates it. */
    static ClusterDatabase fresh(String schema) {
        if (!schema.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain schema name: " + schema);
        }
        ClusterDatabase db = new ClusterDatabase(schema);
        try (Connection c = DriverManager.getConnection(SERVER, USER, ""); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + SERVER + " (user postgres, trust) is needed: start it"
                    + " (.ci/run does) and run again. " + e.getMessage(), e);
        }
        return db;
    }

    String schema() {
        return schema;
    }

    /** What the collectors are given: the shared database, with this schema first on the search path. */
    String jdbcUrl() {
        return SERVER + "?currentSchema=" + schema;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, "");
    }

    /** One alert as stored. */
    record StoredAlert(String alertId, String status, String reason) {
    }

    /** One outreach case. */
    record Case(long id, String customerId, String collarId, String kind, Instant episodeStart, String openedBy,
                String status, Optional<Instant> escalateAt) {
    }

    /** One message of a case. */
    record Message(long id, long caseId, String template, String channel, String status, String error) {
    }

    /** A case whose first text was handed to the provider, as the owner's phone sees it. */
    record DeliveredText(long caseId, String customerId, Optional<Instant> escalateAt) {
    }

    /** Everything the verdict reads, in one transaction so it is consistent. */
    record Snapshot(List<StoredAlert> alerts, List<Case> cases, List<Message> messages, Map<Long, Integer> escalations,
                    List<String> inboundSids) {
    }

    Snapshot snapshot() {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement s = c.createStatement()) {
                List<StoredAlert> alerts = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT alert_id, status, status_reason FROM alerts")) {
                    while (rs.next()) {
                        alerts.add(new StoredAlert(rs.getString(1), rs.getString(2), rs.getString(3)));
                    }
                }
                List<Case> cases = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("""
                        SELECT id, customer_id, collar_id, kind, episode_start, opened_by_alert, status, escalate_at
                          FROM outreach_cases""")) {
                    while (rs.next()) {
                        cases.add(new Case(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7),
                                instant(rs.getTimestamp(8))));
                    }
                }
                List<Message> messages = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("""
                        SELECT id, case_id, template, channel, status, error FROM messages WHERE case_id IS NOT NULL""")) {
                    while (rs.next()) {
                        messages.add(new Message(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6)));
                    }
                }
                Map<Long, Integer> escalations = new HashMap<>();
                try (ResultSet rs = s.executeQuery(
                        "SELECT case_id, count(*) FROM case_events WHERE kind = 'ESCALATED' GROUP BY case_id")) {
                    while (rs.next()) {
                        escalations.put(rs.getLong(1), rs.getInt(2));
                    }
                }
                List<String> inbound = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT provider_sid FROM inbound_messages")) {
                    while (rs.next()) {
                        inbound.add(rs.getString(1));
                    }
                }
                c.commit();
                return new Snapshot(alerts, cases, messages, escalations, inbound);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading schema " + schema + " failed: " + e.getMessage(), e);
        }
    }

    /** Cases whose text of {@code template} has been handed to the provider. */
    List<DeliveredText> deliveredTexts(String template) {
        try (Connection c = connect(); var s = c.prepareStatement("""
                SELECT oc.id, oc.customer_id, oc.escalate_at FROM messages m JOIN outreach_cases oc ON oc.id = m.case_id
                 WHERE m.status = 'SENT' AND m.template = ?""")) {
            s.setString(1, template);
            List<DeliveredText> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new DeliveredText(rs.getLong(1), rs.getString(2), instant(rs.getTimestamp(3))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("reading sent texts in schema " + schema + " failed: " + e.getMessage(), e);
        }
    }

    private static Optional<Instant> instant(Timestamp t) {
        return Optional.ofNullable(t).map(Timestamp::toInstant);
    }

    /** Drops the schema (unless PETWATCH_CLUSTER_IT_KEEP_SCHEMA=true, for looking at a failed run). */
    @Override
    public void close() {
        if ("true".equalsIgnoreCase(System.getenv("PETWATCH_CLUSTER_IT_KEEP_SCHEMA"))) {
            System.out.println("TwoCollectorsIT: schema " + schema + " kept (PETWATCH_CLUSTER_IT_KEEP_SCHEMA=true)");
            return;
        }
        try (Connection c = DriverManager.getConnection(SERVER, USER, ""); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("TwoCollectorsIT: could not drop schema " + schema + ": " + e.getMessage());
        }
    }
}
