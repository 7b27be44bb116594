package io.petwatch.collector.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.petwatch.collector.customer.CustomerDirectory;
import io.petwatch.collector.hub.HubRegistry;
import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.AlertBatch;
import io.petwatch.proto.v1.AlertBatchResult;
import io.petwatch.proto.v1.AlertResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Stores a hub's alerts exactly once and says, per alert, whether it was new, a duplicate or refused. */
@ApplicationScoped
public class AlertIngestService {
    private final Jdbi jdbi;
    private final CustomerDirectory directory;
    private final HubRegistry hubs;
    private final AlertArrivals arrivals;
    private final ObjectMapper mapper;

    private final Clock clock;
    // What each hub and collar last reported, so their rows are written only when it changes, not on every upload;
    // bounded, and a forgotten entry costs one idempotent UPDATE.
    private final Cache<String, String> hubModels = Caffeine.newBuilder().maximumSize(100_000).build();
    private final Cache<String, String> firmware = Caffeine.newBuilder().maximumSize(500_000).build();

    public AlertIngestService(Jdbi jdbi, CustomerDirectory directory, HubRegistry hubs, AlertArrivals arrivals,
                              ObjectMapper mapper,
                              Clock clock) {
        this.jdbi = jdbi;
        this.directory = directory;
        this.hubs = hubs;
        this.arrivals = arrivals;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Stores the upload's valid alerts (in one statement) and answers for each alert of the batch. */
    public IngestOutcome ingest(String hubId, AlertBatch batch) {
        List<Alert> alerts = batch.getAlertsList();
        List<Optional<String>> problems = alerts.stream().map(alert -> AlertValidator.problem(alert, hubId)).toList();
        List<Alert> valid = new ArrayList<>();
        List<String> params = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            if (problems.get(i).isEmpty()) {
                valid.add(alerts.get(i));
                params.add(json(alerts.get(i)));
            }
        }
        List<AlertRows.Stored> stored = valid.isEmpty() ? List.of() : jdbi.withHandle(h -> AlertRows.store(h, hubId,
                batch.getHubModel(), valid, params, clock.instant()));
        AlertBatchResult.Builder result = AlertBatchResult.newBuilder();
        List<AcceptedAlert> accepted = new ArrayList<>();
        for (int i = 0, row = 0; i < alerts.size(); i++) {
            Alert alert = alerts.get(i);
            AlertResult.Builder r = AlertResult.newBuilder().setAlertId(alert.getAlertId());
            Optional<String> problem = problems.get(i).isPresent() ? problems.get(i)
                    : ownership(stored.get(row).owner(), alert, hubId);
            if (problem.isPresent()) {
                r.setOutcome(AlertResult.Outcome.REJECTED).setReason(problem.get());
            } else if (stored.get(row).now()) {
                r.setOutcome(AlertResult.Outcome.ACCEPTED);
                accepted.add(accepted(alert, batch.getHubModel()));
            } else {
                r.setOutcome(AlertResult.Outcome.DUPLICATE);
            }
            if (problems.get(i).isEmpty()) {
                row++;
            }
            result.addResults(r);
        }
        if (!accepted.isEmpty()) {
            arrivals.stored();
        }
        recordFirmware(accepted);
        recordHubModel(hubId, batch.getHubModel());
        return new IngestOutcome(result.build(), accepted);
    }

    private static Optional<String> ownership(Optional<String> owner, Alert alert, String hubId) {
        if (owner.isEmpty()) {
            return Optional.of("collar '" + alert.getCollarId() + "' is not registered");
        }
        return owner.get().equals(hubId) ? Optional.empty()
                : Optional.of("collar '" + alert.getCollarId() + "' is not registered to hub '" + hubId + "'");
    }

    /** The hub's model as its uploads report it, for storms by hub model; written only when it changes. */
    private void recordHubModel(String hubId, String model) {
        if (!model.isEmpty() && !model.equals(hubModels.getIfPresent(hubId))) {
            hubs.recordModel(hubId, model);
            hubModels.put(hubId, model);
        }
    }

    /** The collars' firmware as their newest alerts report it, for the fleet-storm check; written when it changes. */
    private void recordFirmware(List<AcceptedAlert> accepted) {
        Map<String, String> changed = new LinkedHashMap<>();
        accepted.forEach(a -> a.collarFirmware().filter(f -> !f.equals(firmware.getIfPresent(a.collarId())))
                .ifPresent(f -> changed.put(a.collarId(), f)));
        if (!changed.isEmpty()) {
            directory.recordFirmware(changed);
            firmware.putAll(changed);
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
}
