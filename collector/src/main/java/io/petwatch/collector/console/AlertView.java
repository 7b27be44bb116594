package io.petwatch.collector.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An alert as the console shows it. {@code evidence} (the window, hour by hour) and {@code beforeWindow} (the day
 * before it, for context; empty from older hubs) are filled on the single-alert view of a collar's alert only;
 * {@code arrival} counts up in the order alerts reached the collector. A retail trigger (source other than
 * {@code hub}) has a customer and a subject instead of a hub and a collar, and its evidence is JSON, not hours.
 */
public record AlertView(String alertId, Optional<String> hubId, Optional<String> collarId, String kind, String state,
                        String severity, Instant windowStart, Instant windowEnd, Instant detectedAt,
                        Optional<Instant> raisedAt, Instant receivedAt, String detector, Map<String, String> params,
                        String summary, Optional<Double> activityRatio, Optional<Double> wornCoverage, String status,
                        Optional<String> statusReason,
                        List<HourView> evidence, List<HourView> beforeWindow, long arrival, String source,
                        Optional<String> customerId, Optional<String> subject) {

    /** A collar's alert, whose evidence is hours of activity (a chart). */
    public boolean fromHub() {
        return "hub".equals(source);
    }

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
