package io.petwatch.collector.ingest;

import io.agroal.api.AgroalDataSource;
import io.petwatch.collector.Channels;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * At start-up, hands the playbook every alert that was stored but never processed (the collector stopped in
 * between). The playbook's steps are idempotent, so this cannot text an owner twice.
 */
@ApplicationScoped
public class UnprocessedAlertRedrive {
    private static final Logger LOG = Logger.getLogger(UnprocessedAlertRedrive.class);

    private final AgroalDataSource dataSource;
    private final Emitter<AcceptedAlert> accepted;

    public UnprocessedAlertRedrive(AgroalDataSource dataSource,
                                   @Channel(Channels.ALERTS_ACCEPTED) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                                   Emitter<AcceptedAlert> accepted) {
        this.dataSource = dataSource;
        this.accepted = accepted;
    }

    void onStart(@Observes StartupEvent event) {
        List<AcceptedAlert> alerts = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT " + AcceptedAlert.COLUMNS
                        + " FROM alerts WHERE status = 'RECEIVED' ORDER BY received_at")) {
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    alerts.add(AcceptedAlert.fromRow(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("looking for unprocessed alerts failed", e);
        }
        if (!alerts.isEmpty()) {
            LOG.infof("Re-driving %d alert(s) stored but not processed before the last stop", alerts.size());
            alerts.forEach(accepted::send);
        }
    }
}
