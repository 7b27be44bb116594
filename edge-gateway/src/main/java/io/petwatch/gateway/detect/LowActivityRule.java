package io.petwatch.gateway.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Sustained low activity against the pet's own baseline, for one collar.
 *
 * <p>Fires when every day-long block of the window is at most {@code lowRatio} of what the baseline expects for
 * the same hours, with enough worn coverage in each block; resolves when the latest block is back above
 * {@code resolveRatio}. The gap between the two ratios is the hysteresis that stops flapping, and the baseline is
 * frozen when an episode starts so a long illness does not become the new normal.
 */
final class LowActivityRule {
    static final String NAME = "low-activity";
    static final String VERSION = "1";

    private record Episode(long startMs, Baseline baseline) {
    }

    private final String hubId;
    private final String collarId;
    private final LowActivityParams params;
    private Optional<Episode> episode = Optional.empty();

    LowActivityRule(String hubId, String collarId, LowActivityParams params) {
        this.hubId = hubId;
        this.collarId = collarId;
        this.params = params;
    }

    /** Judges the window that ends at the hour boundary {@code nowMs} (event time). */
    Optional<AlertEvent> evaluate(ActivityHistory history, long nowMs, long raisedAtMs) {
        return episode.isPresent()
                ? evaluateRecovery(history, episode.get(), nowMs, raisedAtMs)
                : evaluateOnset(history, nowMs, raisedAtMs);
    }

    boolean firing() {
        return episode.isPresent();
    }

    private Optional<AlertEvent> evaluateOnset(ActivityHistory history, long nowMs, long raisedAtMs) {
        long windowStart = nowMs - params.windowMs();
        Baseline baseline = Baseline.learn(history, windowStart - params.baselineDays() * 24 * ActivityHistory.HOUR_MS,
                windowStart, params.minWornMinutesPerHour(), params.minBaselineDays());
        if (baseline.knownHours() == 0) {
            return Optional.empty(); // still warming up
        }
        List<WindowScore> blocks = new ArrayList<>();
        for (long from = windowStart; from < nowMs; from += params.blockMs()) {
            WindowScore block = WindowScore.of(history, baseline, from, from + params.blockMs(),
                    params.minWornMinutesPerHour());
            if (block.coverage() < params.minCoverage() || block.ratio() > params.lowRatio()) {
                return Optional.empty();
            }
            blocks.add(block);
        }
        WindowScore window = WindowScore.of(history, baseline, windowStart, nowMs, params.minWornMinutesPerHour());
        episode = Optional.of(new Episode(windowStart, baseline));
        Severity severity = window.ratio() <= params.lowRatio() / 2 ? Severity.HIGH : Severity.MEDIUM;
        String summary = String.format(Locale.ROOT,
                "activity at %.0f%% of this pet's usual level for the last %d h (each of %d blocks below %.0f%%; worn %.0f%% of the time)",
                window.ratio() * 100, params.windowHours(), blocks.size(), params.lowRatio() * 100,
                window.coverage() * 100);
        return Optional.of(event(AlertState.FIRING, severity, windowStart, window, nowMs, raisedAtMs, summary));
    }

    private Optional<AlertEvent> evaluateRecovery(ActivityHistory history, Episode current, long nowMs,
                                                  long raisedAtMs) {
        WindowScore latest = WindowScore.of(history, current.baseline(), nowMs - params.blockMs(), nowMs,
                params.minWornMinutesPerHour());
        if (latest.coverage() < params.minCoverage() || latest.ratio() < params.resolveRatio()) {
            return Optional.empty();
        }
        episode = Optional.empty();
        String summary = String.format(Locale.ROOT,
                "activity back to %.0f%% of this pet's usual level over the last %d h",
                latest.ratio() * 100, params.blockMs() / ActivityHistory.HOUR_MS);
        return Optional.of(event(AlertState.RESOLVED, Severity.LOW, current.startMs(), latest, nowMs, raisedAtMs,
                summary));
    }

    private AlertEvent event(AlertState state, Severity severity, long episodeStart, WindowScore window, long nowMs,
                             long raisedAtMs, String summary) {
        return new AlertEvent(AlertEvent.alertId(hubId, collarId, AlertKind.LOW_ACTIVITY, episodeStart, state),
                collarId, AlertKind.LOW_ACTIVITY, state, severity, episodeStart, nowMs, nowMs, raisedAtMs,
                NAME, VERSION, params.asMap(), window.ratio(), window.coverage(), window.hourly(), summary);
    }
}
