package io.petwatch.gateway.detect;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tuning of the restless-nights rule.
 *
 * @param restHours          length of the pet's rest period, placed where its own baseline is quietest
 * @param activeMultiple     a rest-period minute is active when its activity is at least this multiple of the
 *                           pet's typical rate during its rest period
 * @param minExtraMinutes    a night is restless only with at least this many more active minutes than usual...
 * @param minRatio           ...and at least this multiple of the usual count
 * @param madFactor          ...and more than this many (scaled) median absolute deviations above the usual count
 * @param minCoverage        share of the rest period that must be worn for the night to be judged
 * @param baselineNights     judged nights the usual count is learned from
 * @param minBaselineNights  calm nights of the pet's own before nights are judged (warm-up); until it has ten,
 *                           its usual night leans on a population prior worth two nights
 * @param resolveNights      consecutive calm nights that end an episode
 */
public record RestlessnessParams(int restHours, double activeMultiple, int minExtraMinutes, double minRatio,
                                 double madFactor, double minCoverage, int baselineNights, int minBaselineNights,
                                 int resolveNights) {

    public RestlessnessParams {
        require(restHours >= 4 && restHours <= 14, "restHours must be in 4..14, was " + restHours);
        require(activeMultiple >= 1 && activeMultiple <= 50, "activeMultiple must be in 1..50, was " + activeMultiple);
        require(minExtraMinutes >= 1, "minExtraMinutes must be at least 1, was " + minExtraMinutes);
        require(minRatio >= 1, "minRatio must be at least 1, was " + minRatio);
        require(madFactor >= 0, "madFactor must be >= 0, was " + madFactor);
        require(minCoverage > 0 && minCoverage <= 1, "minCoverage must be in (0,1], was " + minCoverage);
        require(baselineNights >= 3 && baselineNights <= 27, "baselineNights must be in 3..27, was " + baselineNights);
        require(minBaselineNights >= 1 && minBaselineNights <= baselineNights,
                "minBaselineNights must be in 1..baselineNights, was " + minBaselineNights);
        require(resolveNights >= 1 && resolveNights <= 5, "resolveNights must be in 1..5, was " + resolveNights);
    }

    public static RestlessnessParams defaults() {
        return new RestlessnessParams(8, 4.0, 45, 2.0, 3.0, 0.7, 14, 1, 3);
    }

    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("rest_hours", Integer.toString(restHours));
        map.put("active_multiple", Double.toString(activeMultiple));
        map.put("min_extra_minutes", Integer.toString(minExtraMinutes));
        map.put("min_ratio", Double.toString(minRatio));
        map.put("mad_factor", Double.toString(madFactor));
        map.put("rules", "2 of 3 or 3 of 5 nights: medium; 3 in a row: high");
        map.put("resolve_nights", Integer.toString(resolveNights));
        return map;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("restlessness: " + message);
        }
    }
}
