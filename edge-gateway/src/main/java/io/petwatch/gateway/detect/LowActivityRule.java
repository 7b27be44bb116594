package io.petwatch.gateway.detect;

import java.util.Locale;
import java.util.Optional;

/**
 * Sustained low activity against the pet's own baseline, for one collar.
 *
 * <p>Fires when every day-long block of the window is at most {@code lowRatio} of what the baseline expects for
 * the same hours, with enough worn coverage in each block; resolves when the latest block is back above
 * {@code resolveRatio}. The gap between the two ratios is the hysteresis that stops flapping, and the baseline is
 * frozen when an episode starts so a long illness does not become the new normal. Nothing fires while the pet's
 * baseline is still warming up.
 */
final class LowActivityRule {
    static final String NAME = "low-activity";
    static final String VERSION = "3";
    /**
     * A baseline of fewer learned days than this is young: a few unusually busy days (a weekend away, a visit) can
     * set it high, and a return to ordinary days then reads as a drop. Until it has settled, the whole window must
     * be at most {@code lowRatio - YOUNG_MARGIN} of it (35% with the defaults) for an alert.
     */
    static final int SETTLED_DAYS = 7;
    static final double YOUNG_MARGIN = 0.15;

    private final LowActivityParams params;
    private long episodeStartHour = Long.MIN_VALUE;
    private Baseline frozen;

    LowActivityRule(LowActivityParams params) {
        this.params = params;
    }

    boolean firing() {
        return episodeStartHour != Long.MIN_VALUE;
    }

    /** Judges the window that ends at the hour boundary {@code nowHour}. */
    Optional<AlertEvent> evaluate(Context ctx, long nowHour) {
        return firing() ? evaluateRecovery(ctx, nowHour) : evaluateOnset(ctx, nowHour);
    }

    private Optional<AlertEvent> evaluateOnset(Context ctx, long nowHour) {
        long windowStart = nowHour - params.windowHours();
        Baseline baseline = ctx.baseline();
        if (baseline.learnedDays() < params.minBaselineDays()) {
            return Optional.empty(); // still warming up
        }
        int block = params.blockHours();
        for (long from = windowStart; from < nowHour; from += block) {
            WindowScore score = WindowScore.of(ctx.ring(), ctx.calendar(), baseline, from, from + block,
                    params.minWornMinutesPerHour());
            if (score.coverage() < params.minCoverage() || score.ratio() > params.lowRatio()) {
                return Optional.empty();
            }
        }
        WindowScore window = WindowScore.of(ctx.ring(), ctx.calendar(), baseline, windowStart, nowHour,
                params.minWornMinutesPerHour());
        if (baseline.learnedDays() < SETTLED_DAYS && window.ratio() > params.lowRatio() - YOUNG_MARGIN) {
            return Optional.empty(); // a young baseline is trusted less: a deeper drop is needed
        }
        int earlierBlocks = lowBlocksBefore(ctx, baseline, windowStart);
        long lowHours = params.windowHours() + (long) earlierBlocks * block;
        episodeStartHour = windowStart - (long) earlierBlocks * block;
        frozen = baseline;
        // Severity grows with depth (half the low line or below) and with duration (already low for longer than
        // the window when confirmed, e.g. after the hub was down or the collar came back on).
        Severity severity = window.ratio() <= params.lowRatio() / 2 || earlierBlocks > 0 ? Severity.HIGH
                : Severity.MEDIUM;
        String summary = String.format(Locale.ROOT,
                "activity at %.0f%% of this pet's usual level for the last %d h (each of %d blocks below %.0f%%; worn %.0f%% of the time)",
                window.ratio() * 100, lowHours, params.blocks() + earlierBlocks, params.lowRatio() * 100,
                window.coverage() * 100);
        return Optional.of(event(ctx, AlertState.FIRING, severity, episodeStartHour, nowHour, window, summary));
    }

    /** How many more day-long blocks before the window were low too (looking back at most three days). */
    private int lowBlocksBefore(Context ctx, Baseline baseline, long windowStart) {
        int block = params.blockHours();
        int earlier = 0;
        for (long to = windowStart; earlier < 3; to -= block, earlier++) {
            WindowScore score = WindowScore.of(ctx.ring(), ctx.calendar(), baseline, to - block, to,
                    params.minWornMinutesPerHour());
            if (score.coverage() < params.minCoverage() || score.ratio() > params.lowRatio()) {
                break;
            }
        }
        return earlier;
    }

    private Optional<AlertEvent> evaluateRecovery(Context ctx, long nowHour) {
        long from = nowHour - params.blockHours();
        WindowScore latest = WindowScore.of(ctx.ring(), ctx.calendar(), frozen, from, nowHour,
                params.minWornMinutesPerHour());
        if (latest.coverage() < params.minCoverage() || latest.ratio() < params.resolveRatio()) {
            return Optional.empty();
        }
        long start = episodeStartHour;
        String summary = String.format(Locale.ROOT, "activity back to %.0f%% of this pet's usual level over the last %d h",
                latest.ratio() * 100, params.blockHours());
        AlertEvent resolved = event(ctx, AlertState.RESOLVED, Severity.LOW, start, nowHour, latest, summary);
        episodeStartHour = Long.MIN_VALUE;
        frozen = null;
        return Optional.of(resolved);
    }

    private AlertEvent event(Context ctx, AlertState state, Severity severity, long startHour, long nowHour,
                             WindowScore score, String summary) {
        Baseline baseline = state == AlertState.FIRING ? ctx.baseline() : frozen;
        long startMs = startHour * HourRing.HOUR_MS;
        long nowMs = nowHour * HourRing.HOUR_MS;
        WindowScore.Hours hours = WindowScore.evidence(ctx.ring(), ctx.calendar(), baseline, score.fromHour(),
                score.toHour());
        return new AlertEvent(AlertEvent.alertId(ctx.hubId(), ctx.collarId(), AlertKind.LOW_ACTIVITY, startMs, state),
                ctx.collarId(), AlertKind.LOW_ACTIVITY, state, severity, startMs, nowMs, nowMs, ctx.raisedAtMs(), NAME,
                VERSION, params.asMap(), score.ratio(), score.coverage(),
                hours.window(), hours.before(), summary);
    }

    /** For snapshots: the open episode's start hour, Long.MIN_VALUE when none. */
    long episodeStartHour() {
        return episodeStartHour;
    }

    void restore(long startHour, Baseline baseline) {
        episodeStartHour = startHour;
        frozen = baseline;
    }
}
