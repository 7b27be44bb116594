package io.petwatch.gateway.detect;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Restless nights: more active minutes than usual during the pet's own rest period, judged night by night and
 * alerted on k-of-n rules (2 of 3 or 3 of 5 nights: medium; 3 in a row: high). Only calm nights feed the usual
 * count, so an episode never becomes the new normal; an episode ends after a run of calm nights. Weekend nights
 * are compared with weekend nights: households keep later evenings then, and that is not the pet's doing.
 */
final class RestlessnessRule {
    static final String NAME = "restless-nights";
    static final String VERSION = "1";

    /** Weekend nights to learn from before weekend nights are judged (one weekend). */
    private static final int WEEKEND_MIN_NIGHTS = 2;

    private final RestlessnessParams params;
    /** Calm nights' active minutes: weekday nights in [0, n), weekend nights in [n, 2n). */
    private final int[] calmCounts;
    private final int[] calmSize = new int[2];
    private final int[] calmNext = new int[2];
    private int nights;                 // bit i set: the i-th most recent judged night was restless
    private final long[] nightStarts = new long[5];
    private final int[] nightActive = new int[5];
    private long episodeStartHour = Long.MIN_VALUE;
    private Severity firedSeverity = Severity.MEDIUM;

    RestlessnessRule(RestlessnessParams params) {
        this.params = params;
        this.calmCounts = new int[2 * params.baselineNights()];
    }

    boolean firing() {
        return episodeStartHour != Long.MIN_VALUE;
    }

    /** At the boundary that ends a rest period, judges that night. */
    Optional<AlertEvent> evaluate(Context ctx, long nowHour, RestProfile rest) {
        if (!rest.endsAt(ctx.calendar().hourOfDay(nowHour))) {
            return Optional.empty();
        }
        long start = nowHour - rest.hours();
        int worn = 0;
        int active = 0;
        for (long h = start; h < nowHour; h++) {
            worn += ctx.ring().worn(h);
            active += ctx.ring().active(h);
        }
        if (worn < params.minCoverage() * rest.hours() * 60) {
            return Optional.empty(); // not enough of the night on the pet to judge it
        }
        int type = ctx.calendar().weekend(start) ? 1 : 0;
        int needed = type == 0 ? params.minBaselineNights() : WEEKEND_MIN_NIGHTS;
        if (calmSize[type] < needed) {
            remember(type, active);
            return Optional.empty(); // warming up
        }
        double usual = median(type);
        boolean restless = active >= usual + params.minExtraMinutes() && active >= usual * params.minRatio()
                && active > usual + params.madFactor() * 1.4826 * mad(type, usual);
        if (!restless) {
            remember(type, active);
        }
        System.arraycopy(nightStarts, 0, nightStarts, 1, 4);
        System.arraycopy(nightActive, 0, nightActive, 1, 4);
        nightStarts[0] = start;
        nightActive[0] = active;
        nights = ((nights << 1) | (restless ? 1 : 0)) & 0x1F;
        return decide(ctx, nowHour, usual);
    }

    private Optional<AlertEvent> decide(Context ctx, long nowHour, double usual) {
        int run = Integer.numberOfTrailingZeros(~nights);
        int last3 = Integer.bitCount(nights & 0b111);
        int last5 = Integer.bitCount(nights & 0b11111);
        if (!firing()) {
            if (run >= 3 || last3 >= 2 || last5 >= 3) {
                int span = run >= 3 ? 3 : last3 >= 2 ? 3 : 5;
                int oldest = 31 - Integer.numberOfLeadingZeros(nights & ((1 << span) - 1));
                episodeStartHour = nightStarts[oldest];
                firedSeverity = run >= 3 ? Severity.HIGH : Severity.MEDIUM;
                return Optional.of(event(ctx, AlertState.FIRING, firedSeverity, nowHour, usual, span));
            }
            return Optional.empty();
        }
        if (run >= 3 && firedSeverity != Severity.HIGH) {
            firedSeverity = Severity.HIGH; // escalation of the same episode: a new alert id, the same case
            return Optional.of(event(ctx, AlertState.FIRING, Severity.HIGH, nowHour, usual, 3));
        }
        if ((nights & ((1 << params.resolveNights()) - 1)) == 0) {
            AlertEvent resolved = event(ctx, AlertState.RESOLVED, Severity.LOW, nowHour, usual, params.resolveNights());
            episodeStartHour = Long.MIN_VALUE;
            return Optional.of(resolved);
        }
        return Optional.empty();
    }

    private AlertEvent event(Context ctx, AlertState state, Severity severity, long nowHour, double usual, int span) {
        long startMs = episodeStartHour * HourRing.HOUR_MS;
        long nowMs = nowHour * HourRing.HOUR_MS;
        StringBuilder counts = new StringBuilder();
        for (int i = span - 1; i >= 0; i--) {
            counts.append(nightActive[i]).append(i > 0 ? ", " : "");
        }
        String summary = state == AlertState.RESOLVED
                ? String.format(Locale.ROOT, "%d calm nights in a row (active minutes %s; usual %.0f)",
                        params.resolveNights(), counts, usual)
                : String.format(Locale.ROOT, "restless nights: active minutes in the rest period %s over the last %d"
                        + " nights, usually %.0f", counts, span, usual);
        String id = UUID.nameUUIDFromBytes(String.join("|", ctx.hubId(), ctx.collarId(), AlertKind.RESTLESS_NIGHTS.name(),
                Long.toString(startMs), state.name(), severity.name()).getBytes(StandardCharsets.UTF_8)).toString();
        long from = nowHour - 24L * span;
        Baseline baseline = ctx.baseline();
        WindowScore score = WindowScore.of(ctx.ring(), ctx.calendar(), baseline, from, nowHour, 1);
        return new AlertEvent(id, ctx.collarId(), AlertKind.RESTLESS_NIGHTS, state, severity, startMs, nowMs, nowMs,
                ctx.raisedAtMs(), NAME, VERSION, params.asMap(), score.ratio(), score.coverage(),
                WindowScore.evidence(ctx.ring(), ctx.calendar(), baseline, from, nowHour), summary);
    }

    private void remember(int type, int active) {
        int n = params.baselineNights();
        calmCounts[type * n + calmNext[type]] = active;
        calmNext[type] = (calmNext[type] + 1) % n;
        calmSize[type] = Math.min(calmSize[type] + 1, n);
    }

    private double median(int type) {
        return Baseline.median(deviations(type, Double.NaN), calmSize[type]);
    }

    private double mad(int type, double median) {
        return Baseline.median(deviations(type, median), calmSize[type]);
    }

    /** The remembered counts of one night type, or their distances from {@code center} when it is a number. */
    private double[] deviations(int type, double center) {
        int n = params.baselineNights();
        double[] out = new double[calmSize[type]];
        for (int i = 0; i < out.length; i++) {
            int v = calmCounts[type * n + i];
            out[i] = Double.isNaN(center) ? v : Math.abs(v - center);
        }
        return out;
    }

    /** Snapshot support. */
    int[] calmCountsArray() {
        return calmCounts;
    }

    int[] stateInts() {
        return new int[] {calmSize[0], calmNext[0], calmSize[1], calmNext[1], nights, firedSeverity.ordinal()};
    }

    long episodeStartHour() {
        return episodeStartHour;
    }

    void restore(int[] state, long startHour) {
        calmSize[0] = state[0];
        calmNext[0] = state[1];
        calmSize[1] = state[2];
        calmNext[1] = state[3];
        nights = state[4];
        firedSeverity = Severity.values()[state[5]];
        episodeStartHour = startHour;
        Arrays.fill(nightStarts, startHour);
    }
}
