package io.petwatch.gateway.detect;

/**
 * The pet's usual range of activity per worn minute for each hour of day (the quartiles of its learning days), in the
 * same weekday and weekend profiles as its baseline. For people reading an alert; no rule judges by it.
 *
 * @param low  per profile (0 all days, 1 weekdays, 2 weekends), per local hour: the lower quartile, NaN if unlearned
 * @param high the same for the upper quartile
 */
record BaselineBand(float[][] low, float[][] high, boolean splitWeekend) {

    float low(long hour, LocalCalendar calendar) {
        return low[profile(hour, calendar)][calendar.hourOfDay(hour)];
    }

    float high(long hour, LocalCalendar calendar) {
        return high[profile(hour, calendar)][calendar.hourOfDay(hour)];
    }

    private int profile(long hour, LocalCalendar calendar) {
        if (!splitWeekend) {
            return 0;
        }
        return calendar.weekend(hour) ? 2 : 1;
    }
}
