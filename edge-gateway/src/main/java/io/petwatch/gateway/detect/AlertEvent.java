package io.petwatch.gateway.detect;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An alert as the detectors raise it, before it is put on the wire.
 *
 * @param alertId      stable for (hub, collar, kind, episode start, state): re-detection after a restart
 *                     yields the same id, which the collector uses to drop duplicates
 * @param windowStartMs event-time start of the episode
 * @param windowEndMs   event-time end of the evidence window
 * @param detectedAtMs  event time at which the rule was satisfied
 * @param raisedAtMs    hub wall clock when the alert was raised
 * @param hourly        the evidence window, hour by hour
 * @param beforeWindow  the {@link WindowScore#CONTEXT_HOURS} hours before it, for context (empty for device alerts)
 * @param daily         the evidence window day by day, for rules judged on days (drift); empty for the others
 */
public record AlertEvent(String alertId, String collarId, AlertKind kind, AlertState state, Severity severity,
                         long windowStartMs, long windowEndMs, long detectedAtMs, long raisedAtMs,
                         String detectorName, String detectorVersion, Map<String, String> params,
                         double activityRatio, double wornCoverage, List<HourEvidence> hourly,
                         List<HourEvidence> beforeWindow, String summary, List<DayEvidence> daily) {

    public AlertEvent {
        params = Map.copyOf(params);
        hourly = List.copyOf(hourly);
        beforeWindow = List.copyOf(beforeWindow);
        daily = List.copyOf(daily);
    }

    /** An alert judged on hours: no daily evidence. */
    public AlertEvent(String alertId, String collarId, AlertKind kind, AlertState state, Severity severity,
                      long windowStartMs, long windowEndMs, long detectedAtMs, long raisedAtMs,
                      String detectorName, String detectorVersion, Map<String, String> params,
                      double activityRatio, double wornCoverage, List<HourEvidence> hourly,
                      List<HourEvidence> beforeWindow, String summary) {
        this(alertId, collarId, kind, state, severity, windowStartMs, windowEndMs, detectedAtMs, raisedAtMs,
                detectorName, detectorVersion, params, activityRatio, wornCoverage, hourly, beforeWindow, summary,
                List.of());
    }

    /** The idempotency key: a name-based UUID over what identifies one state change of one episode. */
    public static String alertId(String hubId, String collarId, AlertKind kind, long episodeStartMs, AlertState state) {
        String name = String.join("|", hubId, collarId, kind.name(), Long.toString(episodeStartMs), state.name());
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
