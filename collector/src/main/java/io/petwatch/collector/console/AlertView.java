package io.petwatch.collector.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An alert as the console shows it. {@code evidence} (the window, hour by hour) and {@code beforeWindow} (the day
 * before it, for context; empty from older hubs) are filled on the single-alert view only; {@code arrival} counts up
 * in the order alerts reached the collector.
 */
public record AlertView(String alertId, String hubId, String collarId, String kind, String state, String severity,
                        Instant windowStart, Instant windowEnd, Instant detectedAt, Optional<Instant> raisedAt,
                        Instant receivedAt, String detector, Map<String, String> params, String summary,
                        Optional<Double> activityRatio, Optional<Double> wornCoverage, String status,
                        Optional<String> statusReason,
                        List<HourView> evidence, List<HourView> beforeWindow, long arrival) {

    /**
     * One hour of evidence: observed activity against the pet's baseline (its median) and its usual range (the
     * quartiles; both 0 when the hub sent none), for the minutes the collar was worn.
     */
    public record HourView(Instant hourStart, long activity, long baseline, int wornMinutes, long baselineLow,
                           long baselineHigh) {
        /** Whether the hub sent the pet's usual range for this hour. */
        public boolean hasBand() {
            return baselineHigh > 0;
        }
    }
}
