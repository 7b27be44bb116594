package io.petwatch.collector.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.petwatch.collector.customer.CustomerDirectory;
import io.petwatch.collector.hub.HubRegistry;
import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.AlertBatch;
import io.petwatch.proto.v1.AlertBatchResult;
import io.petwatch.proto.v1.AlertResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Stores a hub's alerts exactly once and says, per alert, whether it was new, a duplicate or refused. */
@ApplicationScoped
public class AlertIngestService {
    private static final String INSERT = """
            INSERT INTO alerts (alert_id, hub_id, collar_id, kind, state, severity, window_start, window_end,
                                detected_at, raised_at, detector, detector_params, summary, activity_ratio,
                                worn_coverage, payload, collar_firmware, hub_model, received_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, NULLIF(?, ''), NULLIF(?, ''), ?)
            ON CONFLICT (alert_id) DO NOTHING""";

    private final Jdbi jdbi;
    private final CustomerDirectory directory;
    private final HubRegistry hubs;
    private final ObjectMapper mapper;
    private final TransactionSynchronizationRegistry transactions;
    private final Clock clock;
    // The model each hub last reported, so the hubs row is written only when it changes, not on every upload.
    private final Map<String, String> hubModels = new ConcurrentHashMap<>();

    public AlertIngestService(Jdbi jdbi, CustomerDirectory directory, HubRegistry hubs, ObjectMapper mapper,
                              TransactionSynchronizationRegistry transactions, Clock clock) {
        this.jdbi = jdbi;
        this.directory = directory;
        this.hubs = hubs;
        this.mapper = mapper;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Transactional
    public IngestOutcome ingest(String hubId, AlertBatch batch) {
        List<Alert> alerts = batch.getAlertsList();
        Map<String, String> owners = directory.hubsOfCollars(alerts.stream().map(Alert::getCollarId).distinct()
                .toList());
        List<Optional<String>> problems = alerts.stream()
                .map(alert -> AlertValidator.problem(alert, hubId).or(() -> ownership(owners, alert, hubId))).toList();
        int[] inserted = jdbi.withHandle(h -> insert(h, hubId, batch.getHubModel(), alerts, problems));
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
        recordFirmware(accepted);
        recordHubModel(hubId, batch.getHubModel());
        return new IngestOutcome(result.build(), accepted);
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
    private int[] insert(Handle h, String hubId, String hubModel, List<Alert> alerts,
                         List<Optional<String>> problems) {
        PreparedBatch batch = h.prepareBatch(INSERT);
        for (int i = 0; i < alerts.size(); i++) {
            if (problems.get(i).isEmpty()) {
                Alert alert = alerts.get(i);
                batch.add(alert.getAlertId(), hubId, alert.getCollarId(), alert.getKind().name(),
                        alert.getState().name(), alert.getSeverity().name(), time(alert.getWindowStartMs()),
                        time(alert.getWindowEndMs()), time(alert.getDetectedAtMs()),
                        alert.getRaisedAtMs() > 0 ? time(alert.getRaisedAtMs()) : null,
                        alert.getDetector().getName() + "/" + alert.getDetector().getVersion(), json(alert),
                        alert.getSummary(), alert.getEvidence().getActivityRatio(),
                        alert.getEvidence().getWornCoverage(), alert.toByteArray(), alert.getCollarFirmware(),
                        hubModel, clock.instant());
            }
        }
        return batch.size() == 0 ? new int[0] : batch.execute();
    }

    /** The hub's model as its uploads report it, for storms by hub model; written only when it changes. */
    private void recordHubModel(String hubId, String model) {
        if (model.isEmpty() || model.equals(hubModels.get(hubId))) {
            return;
        }
        hubs.recordModel(hubId, model);
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
    private void recordFirmware(List<AcceptedAlert> accepted) {
        Map<String, String> firmware = new LinkedHashMap<>();
        accepted.forEach(a -> a.collarFirmware().ifPresent(f -> firmware.put(a.collarId(), f)));
        directory.recordFirmware(firmware);
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
