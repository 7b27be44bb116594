package io.petwatch.gateway.detect;

import java.nio.charset.StandardCharsets;
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
    static final String VERSION = "2";

    /** Weekend nights to learn from before weekend nights are judged (one weekend). */
    private static final int WEEKEND_MIN_NIGHTS = 2;
    static final int ACTIVE_PER_HOUR_CAP = 15;
    /** A calm night's active minutes (capped) in a population of real recordings: about 6% of an 8 h rest. */
    static final double PRIOR_USUAL_MINUTES = 30;
    static final int PRIOR_WEIGHT = 2;
    /** Below this many calm nights the spread of a night's count is not yet trusted (see the prior). */
    private static final int PRIOR_NIGHTS = 10;

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

    /**
     * At the boundary that ends a rest period, judges that night.
     *
     * @param countedSince the first hour whose minutes were counted against a known rest profile
     */
    Optional<AlertEvent> evaluate(Context ctx, long nowHour, RestProfile rest, long countedSince) {
        if (!rest.endsAt(ctx.calendar().hourOfDay(nowHour))) {
            return Optional.empty();
        }
        long start = nowHour - rest.hours();
        if (start < countedSince) {
            return Optional.empty(); // its minutes were taken before the pet's rest was known
        }
        int worn = 0;
        int active = 0;
        for (long h = start; h < nowHour; h++) {
            worn += ctx.ring().worn(h);
            // At most a quarter of each hour counts: restlessness is broken rest through the night, not a late
            // evening or an early start (a household's timing, which moves the whole block).
            active += Math.min(ctx.ring().active(h), ACTIVE_PER_HOUR_CAP);
        }
        if (worn < params.minCoverage() * rest.hours() * 60) {
            return Optional.empty(); // not enough of the night on the pet to judge it
        }
        int type = ctx.calendar().weekend(start) ? 1 : 0;
        // A night type judged on its own nights once it has enough; before that, on all calm nights together
        // (a new pet's first weekend is compared with its weekdays).
        int[] types = calmSize[type] >= (type == 0 ? params.minBaselineNights() : WEEKEND_MIN_NIGHTS)
                ? new int[] {type} : new int[] {0, 1};
        double[] calmNights = values(types, Double.NaN);
        int calm = calmNights.length;
        if (calm < params.minBaselineNights()) {
            remember(type, active);
            return Optional.empty(); // warming up
        }
        // A new pet's usual night leans on a population prior (PRIOR_USUAL_MINUTES, worth PRIOR_WEIGHT nights)
        // until it has PRIOR_NIGHTS calm nights of its own.
        double own = Baseline.median(calmNights, calm);
        double usual = calm < PRIOR_NIGHTS
                ? (calm * own + PRIOR_WEIGHT * PRIOR_USUAL_MINUTES) / (calm + PRIOR_WEIGHT) : own;
        // A cautious prior while few nights are known: their spread is taken as at least a third of the usual
        // count, shrinking to what the nights show as they accumulate.
        double mad = Baseline.median(values(types, own), calm);
        double spread = Math.max(1.4826 * mad, calm < PRIOR_NIGHTS ? usual / 3 : 0);
        boolean restless = active >= usual + params.minExtraMinutes() && active >= usual * params.minRatio()
                && active > usual + params.madFactor() * spread;
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
        WindowScore.Hours hours = WindowScore.evidence(ctx.ring(), ctx.calendar(), baseline, from, nowHour);
        return new AlertEvent(id, ctx.collarId(), AlertKind.RESTLESS_NIGHTS, state, severity, startMs, nowMs, nowMs,
                ctx.raisedAtMs(), NAME, VERSION, params.asMap(), score.ratio(), score.coverage(),
                hours.window(), hours.before(), summary);
    }

    private void remember(int type, int active) {
        int n = params.baselineNights();
        calmCounts[type * n + calmNext[type]] = active;
        calmNext[type] = (calmNext[type] + 1) % n;
        calmSize[type] = Math.min(calmSize[type] + 1, n);
    }

    /** The remembered counts of these night types, or their distances from {@code center} when it is a number. */
    private double[] values(int[] types, double center) {
        int n = params.baselineNights();
        int count = 0;
        for (int type : types) {
            count += calmSize[type];
        }
        double[] out = new double[count];
        int k = 0;
        for (int type : types) {
            for (int i = 0; i < calmSize[type]; i++) {
                int v = calmCounts[type * n + i];
                out[k++] = Double.isNaN(center) ? v : Math.abs(v - center);
            }
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

    /** The last five judged nights, newest first: their start hours and active minutes (for snapshots). */
    long[] recentNightStarts() {
        return nightStarts;
    }

    int[] recentNightActive() {
        return nightActive;
    }

    /** Takes back the last five judged nights. */
    void restoreRecentNights(long[] starts, int[] active) {
        System.arraycopy(starts, 0, nightStarts, 0, nightStarts.length);
        System.arraycopy(active, 0, nightActive, 0, nightActive.length);
    }

    void restore(int[] state, long startHour) {
        calmSize[0] = state[0];
        calmNext[0] = state[1];
        calmSize[1] = state[2];
        calmNext[1] = state[3];
        nights = state[4];
        firedSeverity = Severity.values()[state[5]];
        episodeStartHour = startHour;
    }
}
