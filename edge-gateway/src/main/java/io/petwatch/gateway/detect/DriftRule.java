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
 * A slow decline, for one collar: the pet's typical day over the last {@code recentDays} well below its typical
 * day at the start of the {@code windowDays} window, without the 48 h lethargy rule firing in that window (a sharp
 * drop is lethargy's; this is the one that never gets that low in two days).
 *
 * <p>Judged once per local day, on daily totals kept in a {@link DayRing} (not minutes: seven bytes a day). A day's
 * total is scaled up to the pet's whole usual day by the share of that day's usual activity its worn minutes cover
 * (the baseline's hour-of-day profile gives the share), so a collar charged at night reads as a full day; a day
 * covering less than {@code minDayCoverage} (off, charging, silent) is left out, never read as a low day. A typical
 * day is the median of the counted days, so a single odd day moves nothing. Once per episode: it fires once, and
 * resolves when the typical day is back to {@code resolveRatio} of the level it fired against (frozen then).
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
        Span then = span(first, params.baselineDays());
        Span now = span(day - params.recentDays() + 1, params.recentDays());
        if (then.counted() < params.minUsed(params.baselineDays()) || now.counted() < params.minUsed(params.recentDays())
                || then.level() <= 0) {
            return Optional.empty();
        }
        double ratio = now.level() / then.level();
        if (ratio > 1 - params.dropRatio()) {
            return Optional.empty();
        }
        episodeStartHour = ctx.calendar().startHour(first, dayStart - (long) (params.windowDays() - 1) * 24);
        levelThen = (float) then.level();
        String summary = String.format(Locale.ROOT,
                "activity down %.0f%% over %d days: a typical day of the last %d at %.0f%% of a typical day %d days ago"
                        + " (%d of %d and %d of %d days counted; the collar's off days left out); the 48 h lethargy"
                        + " rule did not fire in that time",
                (1 - ratio) * 100, params.windowDays(), params.recentDays(), ratio * 100, params.windowDays(),
                now.counted(), params.recentDays(), then.counted(), params.baselineDays());
        return Optional.of(event(ctx, AlertState.FIRING, Severity.MEDIUM, first, day, boundary, dayStart, then, now,
                summary));
    }

    private Optional<AlertEvent> recovery(Context ctx, long day, long boundary, long dayStart) {
        Span now = span(day - params.recentDays() + 1, params.recentDays());
        if (now.counted() < params.minUsed(params.recentDays()) || now.level() < params.resolveRatio() * levelThen) {
            return Optional.empty();
        }
        Span then = new Span(levelThen, 0);
        String summary = String.format(Locale.ROOT,
                "activity back to %.0f%% of the typical day before the decline over the last %d days",
                now.level() / levelThen * 100, params.recentDays());
        AlertEvent resolved = event(ctx, AlertState.RESOLVED, Severity.LOW,
                day - params.windowDays() + 1, day, boundary, dayStart, then, now, summary);
        episodeStartHour = NONE;
        levelThen = 0;
        return Optional.of(resolved);
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
                             long dayStart, Span then, Span now, String summary) {
        long startMs = episodeStartHour * HourRing.HOUR_MS;
        long nowMs = boundary * HourRing.HOUR_MS;
        List<DayEvidence> daily = daily(ctx, first, day, dayStart);
        long counted = daily.stream().filter(DayEvidence::counted).count();
        double ratio = then.level() > 0 ? now.level() / then.level() : 1.0;
        Map<String, String> p = new LinkedHashMap<>(params.asMap());
        p.put("level_then", Long.toString(Math.round(then.level())));
        p.put("level_now", Long.toString(Math.round(now.level())));
        p.put("ratio", String.format(Locale.ROOT, "%.2f", ratio));
        p.put("drop_pct", Long.toString(Math.max(0, Math.round((1 - ratio) * 100))));
        p.put("days_counted_now", now.counted() + "/" + params.recentDays());
        if (state == AlertState.FIRING) {
            p.put("days_counted_then", then.counted() + "/" + params.baselineDays());
        }
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
