package io.petwatch.gateway.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A slow decline, for one collar: over the {@code windowDays} window the pet's daily activity has fallen by at least
 * {@code dropRatio}, and the 48 h lethargy rule did not fire in that window (a sharp drop is lethargy's; this is the
 * one that never gets that low two days running).
 *
 * <p>Judged once per local day, on daily totals kept in a {@link DayRing} (not minutes: seven bytes a day). A day's
 * total is scaled up to the pet's whole usual day by the share of that day's usual activity its worn minutes cover
 * (the baseline's hour-of-day profile gives the share), so a collar charged at night reads as a full day; a day
 * covering less than {@code minDayCoverage} (off, charging, silent) is left out, never read as a low day. The fall is
 * measured by a robust line through the counted days ({@link DailyTrend}), from its level at the window's first day
 * to its level at the last, so single odd days and missing days move nothing; the last {@code recentDays} must
 * confirm it (their median at least half the drop below the first {@code baselineDays}'), the line through the days
 * before them must fall at three quarters of the pace (a fall mostly in the last week is lethargy's), and both ends
 * of the window need days counted. Once per
 * episode: it fires once, and resolves when the last days' median is back to {@code resolveRatio} of the level the
 * decline started from (frozen when it fired).
 */
final class DriftRule {
    static final String NAME = "drift.slow-decline";
    static final String VERSION = "1";
    private static final long NONE = Long.MIN_VALUE;

    private final DriftParams params;
    private final DayRing days;
    /** The last local day the lethargy rule was firing, NONE if never seen. */
    private long lethargyDay = NONE;
    private long episodeStartHour = NONE;
    private float levelThen;

    DriftRule(DriftParams params) {
        this.params = params;
        this.days = new DayRing(params.windowDays());
    }

    boolean firing() {
        return episodeStartHour != NONE;
    }

    /** A typical day over a span: the median of its counted days' levels, and how many days were counted. */
    private record Span(double level, int counted) {
    }

    /** Judges the hour boundary {@code boundary}; only a boundary that completes a local day does anything. */
    Optional<AlertEvent> evaluate(Context ctx, long boundary, boolean lethargyFiring) {
        LocalCalendar calendar = ctx.calendar();
        long day = calendar.day(boundary - 1);
        if (lethargyFiring) {
            lethargyDay = day;
        }
        if (calendar.day(boundary) == day) {
            return Optional.empty();
        }
        long dayStart = record(ctx, boundary);
        record(ctx, dayStart); // yesterday again: minutes found to be non-wear after its midnight are taken back
        return firing() ? recovery(ctx, day, boundary, dayStart) : onset(ctx, day, boundary, dayStart);
    }

    private Optional<AlertEvent> onset(Context ctx, long day, long boundary, long dayStart) {
        long first = day - params.windowDays() + 1;
        if (lethargyDay != NONE && lethargyDay >= first) {
            return Optional.empty(); // lethargy already told this story
        }
        Span early = span(first, params.baselineDays());
        Span recent = span(day - params.recentDays() + 1, params.recentDays());
        if (early.counted() < params.minUsed(params.baselineDays())
                || recent.counted() < params.minUsed(params.recentDays())) {
            return Optional.empty(); // both ends of the line need days of their own
        }
        Optional<DailyTrend> fitted = trend(first, day);
        if (fitted.isEmpty() || fitted.get().then() <= 0) {
            return Optional.empty();
        }
        DailyTrend trend = fitted.get();
        // The line must fall by the drop over the window, and the last days themselves must be at least half as far
        // below the first ones: a decline that has already turned round is not raised on the strength of its slope.
        if (trend.ratio() > 1 - params.dropRatio() || recent.level() > (1 - params.dropRatio() / 2) * early.level()) {
            return Optional.empty();
        }
        // And the decline must be well under way before the last days: the line through the window without them
        // must fall at three quarters of the pace. A fall that is mostly in the last week is a sharp drop, which the
        // lethargy rule is there for, not a slow decline.
        Optional<DailyTrend> before = trend(first, day - params.recentDays(), params.windowDays());
        if (before.isEmpty() || before.get().ratio() > 1 - params.dropRatio() * 0.75) {
            return Optional.empty();
        }
        episodeStartHour = ctx.calendar().startHour(first, dayStart - (long) (params.windowDays() - 1) * 24);
        levelThen = (float) trend.then();
        String summary = String.format(Locale.ROOT,
                "activity falling: the trend of the pet's daily totals is down %.0f%% over %d days (from %.0f"
                        + " to %.0f a day), and a typical day of the last %d is at %.0f%% of one of the first %d"
                        + " (%d of %d days counted; days without enough worn data left out); the 48 h lethargy rule did"
                        + " not fire in that time", (1 - trend.ratio()) * 100, params.windowDays(), trend.then(), trend.now(),
                params.recentDays(), recent.level() / early.level() * 100, params.baselineDays(), trend.counted(),
                params.windowDays());
        Map<String, String> found = new LinkedHashMap<>();
        found.put("level_then", Long.toString(Math.round(trend.then())));
        found.put("level_now", Long.toString(Math.round(trend.now())));
        found.put("ratio", String.format(Locale.ROOT, "%.2f", trend.ratio()));
        found.put("drop_pct", Long.toString(Math.max(0, Math.round((1 - trend.ratio()) * 100))));
        found.put("change_pct_per_day", String.format(Locale.ROOT, "%.2f", trend.perDay() / trend.then() * 100));
        found.put("first_typical_day", Long.toString(Math.round(early.level())));
        found.put("drop_pct_before_last_days", Long.toString(Math.max(0, Math.round((1 - before.get().ratio()) * 100))));
        found.put("recent_typical_day", Long.toString(Math.round(recent.level())));
        found.put("days_counted", trend.counted() + "/" + params.windowDays());
        found.put("days_counted_first", early.counted() + "/" + params.baselineDays());
        found.put("days_counted_last", recent.counted() + "/" + params.recentDays());
        return Optional.of(event(ctx, AlertState.FIRING, Severity.MEDIUM, first, day, boundary, dayStart,
                trend.ratio(), found, summary));
    }

    private Optional<AlertEvent> recovery(Context ctx, long day, long boundary, long dayStart) {
        Span recent = span(day - params.recentDays() + 1, params.recentDays());
        if (recent.counted() < params.minUsed(params.recentDays())
                || recent.level() < params.resolveRatio() * levelThen) {
            return Optional.empty();
        }
        double ratio = recent.level() / levelThen;
        String summary = String.format(Locale.ROOT,
                "activity back to %.0f%% of where the decline started, over the last %d days", ratio * 100,
                params.recentDays());
        Map<String, String> found = new LinkedHashMap<>();
        found.put("level_then", Long.toString(Math.round(levelThen)));
        found.put("recent_typical_day", Long.toString(Math.round(recent.level())));
        found.put("ratio", String.format(Locale.ROOT, "%.2f", ratio));
        found.put("days_counted_last", recent.counted() + "/" + params.recentDays());
        AlertEvent resolved = event(ctx, AlertState.RESOLVED, Severity.LOW, day - params.windowDays() + 1, day,
                boundary, dayStart, ratio, found, summary);
        episodeStartHour = NONE;
        levelThen = 0;
        return Optional.of(resolved);
    }

    /** The robust line through the counted days of [first, last], its fall measured over the span. */
    private Optional<DailyTrend> trend(long first, long last) {
        return trend(first, last, (int) (last - first + 1));
    }

    /** The robust line through the counted days of [first, last], its fall measured over {@code spanDays}. */
    private Optional<DailyTrend> trend(long first, long last, int spanDays) {
        int length = (int) (last - first + 1);
        int[] offsets = new int[length];
        double[] levels = new double[length];
        int n = 0;
        for (long d = first; d <= last; d++) {
            double level = level(d);
            if (!Double.isNaN(level)) {
                offsets[n] = (int) (d - first);
                levels[n++] = level;
            }
        }
        return DailyTrend.fit(offsets, levels, n, spanDays);
    }

    /** Sums the local day that ends at {@code endHour} from the hour ring into the day ring; returns its first hour. */
    private long record(Context ctx, long endHour) {
        LocalCalendar calendar = ctx.calendar();
        HourRing ring = ctx.ring();
        Baseline baseline = ctx.baseline();
        long day = calendar.day(endHour - 1);
        long activity = 0;
        int worn = 0;
        int minutes = 0;
        double expectedWorn = 0;
        double expectedAll = 0;
        boolean profile = baseline != null;
        long hour = endHour - 1;
        for (; calendar.day(hour) == day; hour--) {
            int w = ring.worn(hour);
            worn += w;
            activity += ring.activity(hour);
            minutes += 60;
            float rate = profile ? baseline.rate(hour, calendar) : Float.NaN;
            profile = !Float.isNaN(rate);
            expectedWorn += profile ? (double) rate * w : 0;
            expectedAll += profile ? rate * 60.0 : 0;
        }
        // With the pet's profile, the share of its usual day's activity that was worn; before it is learned, of
        // the day's minutes.
        double share = profile && expectedAll > 0 ? expectedWorn / expectedAll : (double) worn / minutes;
        days.put(day, activity, worn, share);
        return hour + 1;
    }

    /** The median level of the counted days in [from, from + length). */
    private Span span(long from, int length) {
        double[] levels = new double[length];
        int n = 0;
        for (long d = from; d < from + length; d++) {
            double level = level(d);
            if (!Double.isNaN(level)) {
                levels[n++] = level;
            }
        }
        if (n == 0) {
            return new Span(0, 0);
        }
        Arrays.sort(levels, 0, n);
        return new Span(n % 2 == 1 ? levels[n / 2] : (levels[n / 2 - 1] + levels[n / 2]) / 2, n);
    }

    /** The day's total scaled up to the pet's whole usual day; NaN for a day not counted. */
    private double level(long day) {
        double share = days.share(day);
        return share >= params.minDayCoverage() && share > 0 ? days.activity(day) / share : Double.NaN;
    }

    private AlertEvent event(Context ctx, AlertState state, Severity severity, long first, long day, long boundary,
                             long dayStart, double ratio, Map<String, String> found, String summary) {
        long startMs = episodeStartHour * HourRing.HOUR_MS;
        long nowMs = boundary * HourRing.HOUR_MS;
        List<DayEvidence> daily = daily(ctx, first, day, dayStart);
        long counted = daily.stream().filter(DayEvidence::counted).count();
        Map<String, String> p = new LinkedHashMap<>(params.asMap());
        p.putAll(found);
        return new AlertEvent(AlertEvent.alertId(ctx.hubId(), ctx.collarId(), AlertKind.ACTIVITY_DRIFT, startMs, state),
                ctx.collarId(), AlertKind.ACTIVITY_DRIFT, state, severity, startMs, nowMs, nowMs, ctx.raisedAtMs(), NAME,
                VERSION, p, ratio, (double) counted / params.windowDays(), List.of(), List.of(), summary, daily);
    }

    /** The window day by day, oldest first. */
    private List<DayEvidence> daily(Context ctx, long first, long last, long lastStart) {
        List<DayEvidence> out = new ArrayList<>(params.windowDays());
        long start = lastStart;
        for (long d = last; d >= first; d--) {
            start = d == last ? start : ctx.calendar().startHour(d, start - 24);
            out.add(new DayEvidence(start * HourRing.HOUR_MS, days.activity(d), days.worn(d), !Double.isNaN(level(d))));
        }
        Collections.reverse(out);
        return out;
    }

    /**
     * Fills the day ring from the hour ring's complete days up to {@code upToHour}: a collar restored from a
     * snapshot written before daily totals were kept does not wait a month for its window.
     */
    void backfill(Context ctx, long upToHour) {
        LocalCalendar calendar = ctx.calendar();
        long end = upToHour;
        while (calendar.day(end) == calendar.day(end - 1)) {
            end--;
        }
        for (int i = 0; i < days.capacity() && ctx.ring().holds(end - 1); i++) {
            end = record(ctx, end);
        }
    }

    /** For snapshots. */
    DayRing days() {
        return days;
    }

    long lethargyDay() {
        return lethargyDay;
    }

    long episodeStartHour() {
        return episodeStartHour;
    }

    float levelThen() {
        return levelThen;
    }

    void restore(long savedLethargyDay, long savedEpisodeStartHour, float savedLevelThen) {
        lethargyDay = savedLethargyDay;
        episodeStartHour = savedEpisodeStartHour;
        levelThen = savedLevelThen;
    }
}
