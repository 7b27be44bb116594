package io.petwatch.gateway.detect;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Restless nights: more active minutes than usual during the pet's own rest period, judged night by night and
 * alerted on k-of-n rules (2 of 3 or 3 of 5 nights: medium; 3 in a row: high). Only calm nights feed the usual
 * count, so an episode never becomes the new normal; an episode ends after a run of calm nights.
 */
final class RestlessnessRule {
    static final String NAME = "restless-nights";
    static final String VERSION = "1";

    private final RestlessnessParams params;
    private final int[] calmCounts;
    private int calmSize;
    private int calmNext;
    private int nights;                 // bit i set: the i-th most recent judged night was restless
    private final long[] nightStarts = new long[5];
    private final int[] nightActive = new int[5];
    private long episodeStartHour = Long.MIN_VALUE;
    private Severity firedSeverity = Severity.MEDIUM;

    RestlessnessRule(RestlessnessParams params) {
        this.params = params;
        this.calmCounts = new int[params.baselineNights()];
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
        if (calmSize < params.minBaselineNights()) {
            remember(active);
            return Optional.empty(); // warming up
        }
        double usual = median();
        boolean restless = active >= usual + params.minExtraMinutes() && active >= usual * params.minRatio()
                && active > usual + params.madFactor() * 1.4826 * mad(usual);
        if (!restless) {
            remember(active);
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

    private void remember(int active) {
        calmCounts[calmNext] = active;
        calmNext = (calmNext + 1) % calmCounts.length;
        calmSize = Math.min(calmSize + 1, calmCounts.length);
    }

    private double median() {
        return Baseline.median(toDoubles(calmCounts, calmSize, 0), calmSize);
    }

    private double mad(double median) {
        return Baseline.median(toDoubles(calmCounts, calmSize, median), calmSize);
    }

    private static double[] toDoubles(int[] values, int size, double center) {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = center == 0 ? values[i] : Math.abs(values[i] - center);
        }
        return out;
    }

    /** Snapshot support. */
    int[] calmCountsArray() {
        return calmCounts;
    }

    int[] stateInts() {
        return new int[] {calmSize, calmNext, nights, firedSeverity.ordinal()};
    }

    long episodeStartHour() {
        return episodeStartHour;
    }

    void restore(int[] state, long startHour) {
        calmSize = state[0];
        calmNext = state[1];
        nights = state[2];
        firedSeverity = Severity.values()[state[3]];
        episodeStartHour = startHour;
        Arrays.fill(nightStarts, startHour);
    }
}
