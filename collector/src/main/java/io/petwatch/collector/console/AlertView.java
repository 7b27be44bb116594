package io.petwatch.collector.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An alert as the console shows it. {@code evidence} is filled on the single-alert view only. */
public record AlertView(String alertId, String hubId, String collarId, String kind, String state, String severity,
                        Instant windowStart, Instant windowEnd, Instant detectedAt, Instant raisedAt,
                        Instant receivedAt, String detector, Map<String, String> params, String summary,
                        Double activityRatio, Double wornCoverage, String status, String statusReason,
                        List<HourView> evidence) {

    /** One hour of evidence: observed activity against the pet's baseline. */
    public record HourView(Instant hourStart, long activity, long baseline, int wornMinutes) {
    }
}
