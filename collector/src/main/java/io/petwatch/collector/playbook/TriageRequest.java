package io.petwatch.collector.playbook;

import io.petwatch.collector.customer.AlertContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * An accepted alert joined with who it is about; what the vet-triage playbook decides on.
 *
 * @param context the pet and owner, empty when the collar is not linked to a pet
 * @param collarFirmware the firmware the collar last reported, for the fleet-storm check
 */
public record TriageRequest(String alertId, String collarId, String kind, String state, String severity,
                            Instant episodeStart, Instant windowEnd, Instant detectedAt, double activityRatio,
                            String summary, Optional<AlertContext> context,
                            Optional<String> collarFirmware) {

    public boolean firing() {
        return "FIRING".equals(state);
    }

    /** Hours of evidence behind the alert, as the owner will read them. */
    public long windowHours() {
        return Duration.between(episodeStart, windowEnd).toHours();
    }
}
