package io.petwatch.collector.ingest;

import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.AlertKind;
import io.petwatch.proto.v1.AlertState;
import io.petwatch.proto.v1.Severity;
import java.util.Optional;

/** What makes one alert of a batch unusable, in words the hub's operator can act on. */
public final class AlertValidator {
    static final int MAX_ID_LENGTH = 64;

    private AlertValidator() {
    }

    public static Optional<String> problem(Alert alert, String hubId) {
        if (alert.getAlertId().isBlank() || alert.getAlertId().length() > MAX_ID_LENGTH) {
            return Optional.of("alert_id must be 1 to " + MAX_ID_LENGTH + " characters");
        }
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
        if (alert.getCollarFirmware().length() > MAX_ID_LENGTH) {
            return Optional.of("collar_firmware must be at most " + MAX_ID_LENGTH + " characters");
        }
        return Optional.empty();
    }
}
