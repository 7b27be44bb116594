package io.petwatch.collector.customer;

import io.agroal.api.AgroalDataSource;
import io.petwatch.collector.Channels;
import io.petwatch.collector.playbook.TriageRequest;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

/** Joins each newly accepted alert to its pet and owner and hands it to the playbook. */
@ApplicationScoped
public class AlertEnricher {
    private static final String ALERT = """
            SELECT collar_id, kind, state, severity, window_start, window_end, detected_at, activity_ratio, summary,
                   collar_firmware
              FROM alerts WHERE alert_id = ?""";

    private final AgroalDataSource dataSource;
    private final CustomerDirectory directory;

    public AlertEnricher(AgroalDataSource dataSource, CustomerDirectory directory) {
        this.dataSource = dataSource;
        this.directory = directory;
    }

    @Incoming(Channels.ALERTS_ACCEPTED)
    @Outgoing(Channels.TRIAGE_REQUESTS)
    @Blocking(value = Channels.TRIAGE_POOL, ordered = false) // CaseStore decides one customer's alerts at a time
    public TriageRequest enrich(String alertId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(ALERT)) {
            statement.setString(1, alertId);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("accepted alert " + alertId + " is not in the database");
                }
                String collarId = rs.getString(1);
                return new TriageRequest(alertId, collarId, rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(),
                        rs.getDouble(8), rs.getString(9), directory.forCollar(collarId),
                        Optional.ofNullable(rs.getString(10)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("loading alert " + alertId + " failed", e);
        }
    }
}
