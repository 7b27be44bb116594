package io.petwatch.collector.ingest;

import io.petwatch.collector.api.InputText;
import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.AlertBatch;
import io.petwatch.proto.v1.AlertKind;
import io.petwatch.proto.v1.AlertState;
import io.petwatch.proto.v1.Severity;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What makes an upload or one of its alerts unusable, in words the hub's operator can act on. Two levels:
 * {@link #unstorable} refuses the whole upload (400, nothing stored) for a string that may not be stored, so the hub
 * splits the batch to find the culprit; {@link #problem} rejects one well-formed alert that makes no sense, and the
 * rest of the batch is still taken.
 */
public final class AlertValidator {
    static final int MAX_ID_LENGTH = 64;
    static final int MAX_VERSION_LENGTH = 32;
    static final int MAX_PARAMS = 32;
    static final int MAX_PARAM_VALUE_LENGTH = 256;
    static final int MAX_SUMMARY_LENGTH = 500;
    /** The idempotency key: the gateway's are UUIDs; this also admits other short, printable ids. */
    static final Pattern ALERT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private AlertValidator() {
    }

    /**
     * The first string of the upload that may not be stored, named by where it is: {@code
     * alerts[3].collar_firmware: contains a control character (U+0000)}. Ids, names, versions, models and parameters
     * hold no control character at all; the summary may break lines. Every string has a maximum length.
     */
    public static Optional<String> unstorable(AlertBatch batch) {
        Optional<String> problem = line("hub_id", batch.getHubId(), MAX_ID_LENGTH)
                .or(() -> line("hub_model", batch.getHubModel(), MAX_ID_LENGTH));
        for (int i = 0; i < batch.getAlertsCount() && problem.isEmpty(); i++) {
            problem = unstorable(batch.getAlerts(i), "alerts[" + i + "].");
        }
        return problem;
    }

    private static Optional<String> unstorable(Alert alert, String at) {
        return line(at + "alert_id", alert.getAlertId(), MAX_ID_LENGTH)
                .or(() -> ALERT_ID.matcher(alert.getAlertId()).matches() ? Optional.empty()
                        : Optional.of(at + "alert_id: must be 1 to " + MAX_ID_LENGTH + " letters, digits, '.', '_', ':'"
                        + " or '-', starting with a letter or digit"))
                .or(() -> line(at + "hub_id", alert.getHubId(), MAX_ID_LENGTH))
                .or(() -> line(at + "collar_id", alert.getCollarId(), MAX_ID_LENGTH))
                .or(() -> line(at + "detector.name", alert.getDetector().getName(), MAX_ID_LENGTH))
                .or(() -> line(at + "detector.version", alert.getDetector().getVersion(), MAX_VERSION_LENGTH))
                .or(() -> params(at + "detector.params", alert.getDetector().getParamsMap()))
                .or(() -> InputText.problem(alert.getSummary(), MAX_SUMMARY_LENGTH, InputText.Kind.TEXT)
                        .map(p -> at + "summary: " + p))
                .or(() -> line(at + "collar_firmware", alert.getCollarFirmware(), MAX_ID_LENGTH));
    }

    private static Optional<String> params(String at, Map<String, String> params) {
        if (params.size() > MAX_PARAMS) {
            return Optional.of(at + ": holds " + params.size() + " parameters, at most " + MAX_PARAMS);
        }
        for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
            String key = InputText.printable(e.getKey(), 40);
            Optional<String> problem = InputText.problem(e.getKey(), MAX_ID_LENGTH, InputText.Kind.LINE)
                    .map(p -> at + " key '" + key + "': " + p)
                    .or(() -> line(at + "[" + key + "]", e.getValue(), MAX_PARAM_VALUE_LENGTH));
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    static Optional<String> line(String field, String value, int maxLength) {
        return InputText.problem(value, maxLength, InputText.Kind.LINE).map(p -> field + ": " + p);
    }

    /** Why one alert, whose strings may all be stored, is rejected on its own; empty when it can be taken. */
    public static Optional<String> problem(Alert alert, String hubId) {
        if (!alert.getHubId().isEmpty() && !alert.getHubId().equals(hubId)) {
            return Optional.of("alert hub_id '" + alert.getHubId() + "' is not the uploading hub '" + hubId + "'");
        }
        if (alert.getCollarId().isBlank()) {
            return Optional.of("collar_id is missing");
        }
        if (alert.getKind() == AlertKind.ALERT_KIND_UNSPECIFIED || alert.getKind() == AlertKind.UNRECOGNIZED) {
            return Optional.of("kind is missing or unknown to this collector");
        }
        if (alert.getState() == AlertState.ALERT_STATE_UNSPECIFIED || alert.getState() == AlertState.UNRECOGNIZED) {
            return Optional.of("state must be FIRING or RESOLVED");
        }
        if (alert.getSeverity() == Severity.UNRECOGNIZED) {
            return Optional.of("severity is unknown to this collector");
        }
        if (alert.getWindowStartMs() <= 0 || alert.getWindowEndMs() < alert.getWindowStartMs()) {
            return Optional.of("window must have a start and end no earlier than its start");
        }
        if (alert.getDetectedAtMs() <= 0) {
            return Optional.of("detected_at_ms is missing");
        }
        if (alert.getDetector().getName().isBlank()) {
            return Optional.of("detector name is missing: every alert must say which rule fired");
        }
        return Optional.empty();
    }
}
