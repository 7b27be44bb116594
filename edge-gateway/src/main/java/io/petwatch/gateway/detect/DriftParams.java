package io.petwatch.gateway.detect;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tuning of the slow-decline (drift) rule.
 *
 * @param windowDays     local days the rule looks back over; also the days of totals each collar keeps
 * @param baselineDays   the window's first days: this share ({@code minUsedShare}) of them must be counted, so the
 *                       decline has a start to be measured from
 * @param recentDays     the window's last days: as many must be counted, and their median must be at least half the
 *                       drop below the first days' median (the decline is still there, not an old slope)
 * @param dropRatio      fires when the robust line through the window's days falls by at least this share from the
 *                       window's start to its end
 * @param resolveRatio   an episode resolves when the last days' median is back to this share of the level the
 *                       decline started from
 * @param minDayCoverage a day counts only when its worn minutes cover this share of the pet's usual day's activity
 *                       (a day the collar was off, charging or silent for longer is left out, never read as low)
 * @param minUsedShare   each of the two spans needs this share of its days counted before anything is judged
 */
public record DriftParams(int windowDays, int baselineDays, int recentDays, double dropRatio, double resolveRatio,
                          double minDayCoverage, double minUsedShare) {
    /** The most days a collar keeps: seven bytes a day, inside the 8 KiB per-collar budget. */
    static final int MAX_WINDOW_DAYS = 42;

    public DriftParams {
        require(windowDays >= 14 && windowDays <= MAX_WINDOW_DAYS,
                "windowDays must be in 14.." + MAX_WINDOW_DAYS + ", was " + windowDays);
        require(baselineDays >= 3 && baselineDays <= 14, "baselineDays must be in 3..14, was " + baselineDays);
        require(recentDays >= 3 && recentDays <= 14, "recentDays must be in 3..14, was " + recentDays);
        require(baselineDays + recentDays <= windowDays,
                "baselineDays + recentDays must not be more than windowDays, was " + (baselineDays + recentDays));
        require(dropRatio > 0 && dropRatio < 1, "dropRatio must be in (0,1), was " + dropRatio);
        require(resolveRatio > 1 - dropRatio && resolveRatio <= 2,
                "resolveRatio must be above 1 - dropRatio (hysteresis) and at most 2, was " + resolveRatio);
        require(minDayCoverage > 0 && minDayCoverage <= 1, "minDayCoverage must be in (0,1], was " + minDayCoverage);
        require(minUsedShare > 0 && minUsedShare <= 1, "minUsedShare must be in (0,1], was " + minUsedShare);
    }

    public static DriftParams defaults() {
        return new DriftParams(30, 10, 7, 0.4, 0.8, 0.6, 0.6);
    }

    /** Counted days a span of {@code days} needs: the share, rounded up, and never fewer than three. */
    int minUsed(int days) {
        return Math.max(3, (int) Math.ceil(minUsedShare * days - 1e-9));
    }

    /** The parameters as they travel in an alert, so a reader can see why it fired. */
    Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("window_days", Integer.toString(windowDays));
        map.put("baseline_days", Integer.toString(baselineDays));
        map.put("recent_days", Integer.toString(recentDays));
        map.put("drop_ratio", Double.toString(dropRatio));
        map.put("resolve_ratio", Double.toString(resolveRatio));
        map.put("min_day_coverage", Double.toString(minDayCoverage));
        map.put("min_used_share", Double.toString(minUsedShare));
        map.put("measure", "Theil-Sen line through the counted days' totals (each scaled up to the pet's whole usual"
                + " day), from the window's first day to its last");
        return map;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("drift: " + message);
        }
    }
}
