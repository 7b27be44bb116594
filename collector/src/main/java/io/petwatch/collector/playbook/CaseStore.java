package io.petwatch.collector.playbook;

import io.agroal.api.AgroalDataSource;
import io.petwatch.collector.customer.AlertContext;
import io.petwatch.collector.outreach.SmsMessage;
import io.petwatch.collector.outreach.SmsReceipt;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** Outreach cases, their messages and alert processing state, in PostgreSQL. Every write is idempotent. */
@ApplicationScoped
public class CaseStore {
    private final AgroalDataSource dataSource;

    public CaseStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Opens the episode's case, or returns the one already open for it. */
    public long openCase(TriageRequest request, AlertContext context, String status, String decision,
                         Optional<Instant> escalateAt) {
        String insert = """
                INSERT INTO outreach_cases (opened_by_alert, customer_id, pet_id, collar_id, kind, episode_start,
                                            status, decision, escalate_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (collar_id, kind, episode_start) DO NOTHING""";
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(insert)) {
                s.setString(1, request.alertId());
                s.setString(2, context.owner().customerId());
                s.setString(3, context.pet().petId());
                s.setString(4, request.collarId());
                s.setString(5, request.kind());
                s.setTimestamp(6, Timestamp.from(request.episodeStart()));
                s.setString(7, status);
                s.setString(8, decision);
                s.setTimestamp(9, escalateAt.map(Timestamp::from).orElse(null));
                s.executeUpdate();
            }
            return episodeCase(c, request).orElseThrow(() -> new IllegalStateException(
                    "case for alert " + request.alertId() + " vanished"));
        } catch (SQLException e) {
            throw new IllegalStateException("opening case for alert " + request.alertId() + " failed", e);
        }
    }

    /** Closes the episode's case with an outcome; returns false when there was no open case. */
    public boolean closeCase(TriageRequest request, String outcome) {
        String update = """
                UPDATE outreach_cases SET status = 'RESOLVED', closed_at = now(), outcome = ?
                 WHERE collar_id = ? AND kind = ? AND episode_start = ? AND status IN ('AWAITING_OWNER', 'ESCALATED')""";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(update)) {
            s.setString(1, outcome);
            s.setString(2, request.collarId());
            s.setString(3, request.kind());
            s.setTimestamp(4, Timestamp.from(request.episodeStart()));
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("closing case for alert " + request.alertId() + " failed", e);
        }
    }

    private static Optional<Long> episodeCase(Connection c, TriageRequest request) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id FROM outreach_cases WHERE collar_id = ? AND kind = ? AND episode_start = ?")) {
            s.setString(1, request.collarId());
            s.setString(2, request.kind());
            s.setTimestamp(3, Timestamp.from(request.episodeStart()));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    public boolean messageExists(long caseId, String template) {
        return count("SELECT count(*) FROM messages WHERE case_id = ? AND template = ?", caseId, template) > 0;
    }

    public int smsSentLast24h(String customerId) {
        return count("""
                SELECT count(*) FROM messages
                 WHERE customer_id = ? AND channel = 'SMS' AND status = 'SENT'
                   AND created_at > now() - interval '24 hours'""", customerId);
    }

    public void recordMessage(SmsMessage message, SmsReceipt receipt) {
        String insert = """
                INSERT INTO messages (case_id, customer_id, channel, recipient, template, body, status, provider_ref, error)
                VALUES (?, ?, 'SMS', ?, ?, ?, ?, ?, ?)
                ON CONFLICT (case_id, template) DO NOTHING""";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(insert)) {
            s.setLong(1, message.caseId());
            s.setString(2, message.customerId());
            s.setString(3, message.to());
            s.setString(4, message.template());
            s.setString(5, message.body());
            s.setString(6, receipt.sent() ? "SENT" : "FAILED");
            s.setString(7, receipt.providerRef().orElse(null));
            s.setString(8, receipt.error().orElse(null));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("recording message for case " + message.caseId() + " failed", e);
        }
    }

    public void markAlert(String alertId, String status, String reason) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE alerts SET status = ?, status_reason = ?, processed_at = now() WHERE alert_id = ?")) {
            s.setString(1, status);
            s.setString(2, reason);
            s.setString(3, alertId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("marking alert " + alertId + " failed", e);
        }
    }

    private int count(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("count query failed", e);
        }
    }
}
