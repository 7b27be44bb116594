package io.petwatch.gateway.detect;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tuning of the low-activity (lethargy) rule.
 *
 * @param windowHours          how long activity must stay low before an alert (split into day-long blocks,
 *                             each of which must be low on its own, so one bad day never fires a 48 h rule)
 * @param lowRatio             a block is low when observed activity is at most this share of the baseline
 * @param resolveRatio         a firing episode resolves when the latest block is back to at least this share
 * @param minCoverage          share of a block's minutes that must be worn and judged before it counts
 * @param baselineDays         days of history the baseline learns from
 * @param minBaselineDays      days an hour of day needs before the pet's normal for it is known (warm-up)
 * @param minWornMinutesPerHour worn minutes an hour needs to be judged at all
 */
public record LowActivityParams(int windowHours, double lowRatio, double resolveRatio, double minCoverage,
                                int baselineDays, int minBaselineDays, int minWornMinutesPerHour) {

    public LowActivityParams {
        require(windowHours >= 2 && windowHours <= 24 * 14, "windowHours must be in 2..336, was " + windowHours);
        require(lowRatio > 0 && lowRatio < 1, "lowRatio must be in (0,1), was " + lowRatio);
        require(resolveRatio > lowRatio && resolveRatio <= 2,
                "resolveRatio must be above lowRatio (hysteresis) and at most 2, was " + resolveRatio);
        require(minCoverage > 0 && minCoverage <= 1, "minCoverage must be in (0,1], was " + minCoverage);
        require(baselineDays >= 3 && baselineDays <= 28, "baselineDays must be in 3..28, was " + baselineDays);
        require(minBaselineDays >= 1 && minBaselineDays <= baselineDays,
                "minBaselineDays must be in 1..baselineDays, was " + minBaselineDays);
        require(minWornMinutesPerHour >= 1 && minWornMinutesPerHour <= 60,
                "minWornMinutesPerHour must be in 1..60, was " + minWornMinutesPerHour);
    }

    public static LowActivityParams defaults() {
        return new LowActivityParams(48, 0.5, 0.75, 0.6, 28, 4, 30);
    }

    /** Number of blocks the window is judged in: one per started day. */
    public int blocks() {
        return (windowHours + 23) / 24;
    }

    /** Hours per block; the window is a whole number of them. */
    public int blockHours() {
        return windowHours / blocks();
    }

    /** The parameters as they travel in an alert, so a reader can see why it fired. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("window_hours", Integer.toString(windowHours));
        map.put("blocks", Integer.toString(blocks()));
        map.put("low_ratio", Double.toString(lowRatio));
        map.put("resolve_ratio", Double.toString(resolveRatio));
        map.put("min_coverage", Double.toString(minCoverage));
        map.put("baseline_days", Integer.toString(baselineDays));
        map.put("baseline", "median rate per local hour of day, weekends apart where they differ");
        map.put("young_baseline", "below " + LowActivityRule.SETTLED_DAYS + " learned days the window must be at most "
                + Math.round((lowRatio - LowActivityRule.YOUNG_MARGIN) * 100) + "%");
        return map;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("low-activity: " + message);
        }
    }
}
