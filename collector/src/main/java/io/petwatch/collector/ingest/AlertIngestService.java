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
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Stores a hub's alerts exactly once and says, per alert, whether it was new, a duplicate or refused. */
@ApplicationScoped
public class AlertIngestService {
    private static final String INSERT = """
            INSERT INTO alerts (alert_id, hub_id, collar_id, kind, state, severity, window_start, window_end,
                                detected_at, raised_at, detector, detector_params, summary, activity_ratio,
                                worn_coverage, payload, collar_firmware, hub_model)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, NULLIF(?, ''), NULLIF(?, ''))
            ON CONFLICT (alert_id) DO NOTHING""";

    private final AgroalDataSource dataSource;
    private final CustomerDirectory directory;
    private final ObjectMapper mapper;
    private final TransactionSynchronizationRegistry transactions;
    // The model each hub last reported, so the hubs row is written only when it changes, not on every upload.
    private final Map<String, String> hubModels = new ConcurrentHashMap<>();

    public AlertIngestService(AgroalDataSource dataSource, CustomerDirectory directory, ObjectMapper mapper,
                              TransactionSynchronizationRegistry transactions) {
        this.dataSource = dataSource;
        this.directory = directory;
        this.mapper = mapper;
        this.transactions = transactions;
    }

    @Transactional
    public IngestOutcome ingest(String hubId, AlertBatch batch) {
        try (Connection connection = dataSource.getConnection()) {
            List<Alert> alerts = batch.getAlertsList();
            Map<String, String> hubs = directory.hubsOfCollars(connection,
                    alerts.stream().map(Alert::getCollarId).distinct().toList());
            List<Optional<String>> problems = alerts.stream()
                    .map(alert -> AlertValidator.problem(alert, hubId).or(() -> ownership(hubs, alert, hubId))).toList();
            int[] inserted = insert(connection, hubId, batch.getHubModel(), alerts, problems);
            AlertBatchResult.Builder result = AlertBatchResult.newBuilder();
            List<AcceptedAlert> accepted = new ArrayList<>();
            for (int i = 0, row = 0; i < alerts.size(); i++) {
                Alert alert = alerts.get(i);
                AlertResult.Builder r = AlertResult.newBuilder().setAlertId(alert.getAlertId());
                if (problems.get(i).isPresent()) {
                    r.setOutcome(AlertResult.Outcome.REJECTED).setReason(problems.get(i).get());
                } else if (inserted[row++] == 1) {
                    r.setOutcome(AlertResult.Outcome.ACCEPTED);
                    accepted.add(accepted(alert, batch.getHubModel()));
                } else {
                    r.setOutcome(AlertResult.Outcome.DUPLICATE);
                }
                result.addResults(r);
            }
            recordFirmware(connection, accepted);
            recordHubModel(connection, hubId, batch.getHubModel());
            return new IngestOutcome(result.build(), accepted);
        } catch (SQLException e) {
            throw new IllegalStateException("storing alerts from hub " + hubId + " failed", e);
        }
    }

    private static Optional<String> ownership(Map<String, String> hubs, Alert alert, String hubId) {
        String owner = hubs.get(alert.getCollarId());
        if (owner == null) {
            return Optional.of("collar '" + alert.getCollarId() + "' is not registered");
        }
        return owner.equals(hubId) ? Optional.empty()
                : Optional.of("collar '" + alert.getCollarId() + "' is not registered to hub '" + hubId + "'");
    }

    /** Inserts the valid alerts in one round trip; per alert 1 if stored now, 0 if it was already stored. */
    private int[] insert(Connection connection, String hubId, String hubModel, List<Alert> alerts,
                         List<Optional<String>> problems) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(INSERT)) {
            for (int i = 0; i < alerts.size(); i++) {
                if (problems.get(i).isEmpty()) {
                    bind(s, hubId, hubModel, alerts.get(i));
                    s.addBatch();
                }
            }
            return s.executeBatch();
        }
    }

    private void bind(PreparedStatement s, String hubId, String hubModel, Alert alert) throws SQLException {
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
        s.setString(18, hubModel);
    }

    /** The hub's model as its uploads report it, for storms by hub model; written only when it changes. */
    private void recordHubModel(Connection connection, String hubId, String model) throws SQLException {
        if (model.isEmpty() || model.equals(hubModels.get(hubId))) {
            return;
        }
        try (PreparedStatement s = connection.prepareStatement(
                "UPDATE hubs SET model = ? WHERE id = ? AND model IS DISTINCT FROM ?")) {
            s.setString(1, model);
            s.setString(2, hubId);
            s.setString(3, model);
            s.executeUpdate();
        }
        // Remembered only once committed: after a rollback the next upload writes it again.
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    hubModels.put(hubId, model);
                }
            }
        });
    }

    /** The collars' firmware as their newest alerts report it, for the fleet-storm check; one statement. */
    private static void recordFirmware(Connection connection, List<AcceptedAlert> accepted) throws SQLException {
        Map<String, String> firmware = new LinkedHashMap<>();
        accepted.forEach(a -> a.collarFirmware().ifPresent(f -> firmware.put(a.collarId(), f)));
        if (firmware.isEmpty()) {
            return;
        }
        try (PreparedStatement f = connection.prepareStatement("""
                UPDATE collars c SET firmware = v.firmware FROM unnest(?::text[], ?::text[]) AS v(id, firmware)
                 WHERE c.id = v.id AND c.firmware IS DISTINCT FROM v.firmware""")) {
            f.setArray(1, connection.createArrayOf("text", firmware.keySet().toArray()));
            f.setArray(2, connection.createArrayOf("text", firmware.values().toArray()));
            f.executeUpdate();
        }
    }

    private static AcceptedAlert accepted(Alert alert, String hubModel) {
        return new AcceptedAlert(alert.getAlertId(), alert.getCollarId(), alert.getKind().name(),
                alert.getState().name(), alert.getSeverity().name(), Instant.ofEpochMilli(alert.getWindowStartMs()),
                Instant.ofEpochMilli(alert.getWindowEndMs()), Instant.ofEpochMilli(alert.getDetectedAtMs()),
                alert.getEvidence().getActivityRatio(), alert.getSummary(),
                Optional.of(alert.getCollarFirmware()).filter(f -> !f.isEmpty()),
                Optional.of(hubModel).filter(m -> !m.isEmpty()));
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
