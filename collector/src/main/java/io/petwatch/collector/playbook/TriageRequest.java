package io.petwatch.collector.playbook;

import io.petwatch.collector.customer.AlertContext;
import io.petwatch.collector.ingest.AcceptedAlert;
import java.time.Instant;
import java.util.Optional;

/**
 * An accepted alert joined with who it is about; what the vet-triage playbook decides on.
 *
 * @param context the pet and owner, empty when the collar is not linked to a pet
 */
public record TriageRequest(AcceptedAlert alert, Optional<AlertContext> context) {

    public TriageRequest(String alertId, String collarId, String kind, String state, String severity,
                         Instant episodeStart, Instant windowEnd, Instant detectedAt, double activityRatio,
                         String summary, Optional<AlertContext> context, Optional<String> collarFirmware) {
        this(new AcceptedAlert(alertId, collarId, kind, state, severity, episodeStart, windowEnd, detectedAt,
                activityRatio, summary, collarFirmware, Optional.empty()), context);
    }

    public String alertId() {
        return alert.alertId();
    }

    public String collarId() {
        return alert.collarId();
    }

    public String kind() {
        return alert.kind();
    }

    public String state() {
        return alert.state();
    }

    public String severity() {
        return alert.severity();
    }

    public Instant episodeStart() {
        return alert.episodeStart();
    }

    public Instant windowEnd() {
        return alert.windowEnd();
    }

    public Instant detectedAt() {
        return alert.detectedAt();
    }

    public double activityRatio() {
        return alert.activityRatio();
    }

    public String summary() {
        return alert.summary();
    }

    /** The firmware the collar last reported, for the fleet-storm check. */
    public Optional<String> collarFirmware() {
        return alert.collarFirmware();
    }

    /** The model of the hub that uploaded the alert, for the fleet-storm check. */
    public Optional<String> hubModel() {
        return alert.hubModel();
    }

    public boolean firing() {
        return alert.firing();
    }

    /** Hours of evidence behind the alert, as the owner will read them. */
    public long windowHours() {
        return alert.windowHours();
    }
}
