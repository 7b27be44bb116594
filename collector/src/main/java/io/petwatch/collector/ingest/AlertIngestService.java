package io.petwatch.collector.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.petwatch.collector.customer.CustomerDirectory;
import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.AlertBatch;
import io.petwatch.proto.v1.AlertBatchResult;
import io.petwatch.proto.v1.AlertResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Stores a hub's alerts exactly once and says, per alert, whether it was new, a duplicate or refused. */
@ApplicationScoped
public class AlertIngestService {
    private static final String INSERT = """
            INSERT INTO alerts (alert_id, hub_id, collar_id, kind, state, severity, window_start, window_end,
                                detected_at, raised_at, detector, detector_params, summary, activity_ratio,
                                worn_coverage, payload, collar_firmware)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, NULLIF(?, ''))
            ON CONFLICT (alert_id) DO NOTHING""";

    private final AgroalDataSource dataSource;
    private final CustomerDirectory directory;
    private final ObjectMapper mapper;

    public AlertIngestService(AgroalDataSource dataSource, CustomerDirectory directory, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.directory = directory;
        this.mapper = mapper;
    }

    @Transactional
    public IngestOutcome ingest(String hubId, AlertBatch batch) {
        AlertBatchResult.Builder result = AlertBatchResult.newBuilder();
        List<String> accepted = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            for (Alert alert : batch.getAlertsList()) {
                Optional<String> problem = AlertValidator.problem(alert, hubId).or(() -> ownership(connection, alert, hubId));
                AlertResult.Builder r = AlertResult.newBuilder().setAlertId(alert.getAlertId());
                if (problem.isPresent()) {
                    r.setOutcome(AlertResult.Outcome.REJECTED).setReason(problem.get());
                } else if (insert(connection, hubId, alert)) {
                    r.setOutcome(AlertResult.Outcome.ACCEPTED);
                    accepted.add(alert.getAlertId());
                } else {
                    r.setOutcome(AlertResult.Outcome.DUPLICATE);
                }
                result.addResults(r);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("storing alerts from hub " + hubId + " failed", e);
        }
        return new IngestOutcome(result.build(), accepted);
    }

    private Optional<String> ownership(Connection connection, Alert alert, String hubId) {
        try {
            Optional<String> owner = directory.hubOfCollar(connection, alert.getCollarId());
            if (owner.isEmpty()) {
                return Optional.of("collar '" + alert.getCollarId() + "' is not registered");
            }
            return owner.get().equals(hubId) ? Optional.empty()
                    : Optional.of("collar '" + alert.getCollarId() + "' is not registered to hub '" + hubId + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("collar lookup failed", e);
        }
    }

    private boolean insert(Connection connection, String hubId, Alert alert) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(INSERT)) {
            s.setString(1, alert.getAlertId());
            s.setString(2, hubId);
            s.setString(3, alert.getCollarId());
            s.setString(4, alert.getKind().name());
            s.setString(5, alert.getState().name());
            s.setString(6, alert.getSeverity().name());
            s.setObject(7, time(alert.getWindowStartMs()));
            s.setObject(8, time(alert.getWindowEndMs()));
            s.setObject(9, time(alert.getDetectedAtMs()));
            s.setObject(10, alert.getRaisedAtMs() > 0 ? time(alert.getRaisedAtMs()) : null);
            s.setString(11, alert.getDetector().getName() + "/" + alert.getDetector().getVersion());
            s.setString(12, json(alert));
            s.setString(13, alert.getSummary());
            s.setFloat(14, alert.getEvidence().getActivityRatio());
            s.setFloat(15, alert.getEvidence().getWornCoverage());
            s.setBytes(16, alert.toByteArray());
            s.setString(17, alert.getCollarFirmware());
            boolean inserted = s.executeUpdate() == 1;
            if (inserted && !alert.getCollarFirmware().isEmpty()) {
                try (PreparedStatement f = connection.prepareStatement(
                        "UPDATE collars SET firmware = ? WHERE id = ? AND firmware IS DISTINCT FROM ?")) {
                    f.setString(1, alert.getCollarFirmware());
                    f.setString(2, alert.getCollarId());
                    f.setString(3, alert.getCollarFirmware());
                    f.executeUpdate();
                }
            }
            return inserted;
        }
    }

    private String json(Alert alert) {
        try {
            return mapper.writeValueAsString(alert.getDetector().getParamsMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("detector params of alert " + alert.getAlertId() + " are not serialisable", e);
        }
    }

    static OffsetDateTime time(long epochMs) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMs), ZoneOffset.UTC);
    }
}
