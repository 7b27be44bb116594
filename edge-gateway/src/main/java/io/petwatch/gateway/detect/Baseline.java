package io.petwatch.gateway.detect;

import java.util.Arrays;

/**
 * The pet's own activity profile: for each local hour of day, the median activity per worn minute over the
 * learning span. The median shrugs off the odd very long walk or lazy day. Weekends get their own profile where
 * they differ from weekdays by more than a fifth over the day (people sleep in, walks are longer).
 */
final class Baseline {
    private static final double WEEKEND_DIFFERS = 0.2;
    /** A day counts as learned when this share of its minutes was worn. */
    private static final double LEARNED_DAY_COVERAGE = 0.6;

    private final float[] all = new float[24];
    private final float[] weekday = new float[24];
    private final float[] weekend = new float[24];
    private boolean splitWeekend;
    private int learnedDays;

    private Baseline() {
    }

    static Baseline learn(HourRing ring, LocalCalendar calendar, long fromHour, long toHour, int minWornMinutes,
                          int minDays) {
        int span = (int) Math.max(0, toHour - fromHour);
        double[][] byHour = new double[24][span / 24 + 2];
        double[][] byHourWeekday = new double[24][span / 24 + 2];
        double[][] byHourWeekend = new double[24][span / 24 + 2];
        int[] n = new int[24];
        int[] nWeekday = new int[24];
        int[] nWeekend = new int[24];
        Baseline baseline = new Baseline();
        long wornInDay = 0;
        long day = Long.MIN_VALUE;
        for (long hour = Math.max(fromHour, ring.newest() - ring.capacity() + 1); hour < toHour; hour++) {
            long d = calendar.day(hour);
            if (d != day) {
                baseline.learnedDays += wornInDay >= LEARNED_DAY_COVERAGE * 1440 ? 1 : 0;
                wornInDay = 0;
                day = d;
            }
            int worn = ring.worn(hour);
            wornInDay += worn;
            if (worn < minWornMinutes) {
                continue;
            }
            int h = calendar.hourOfDay(hour);
            double rate = (double) ring.activity(hour) / worn;
            byHour[h][n[h]++] = rate;
            if (calendar.weekend(hour)) {
                byHourWeekend[h][nWeekend[h]++] = rate;
            } else {
                byHourWeekday[h][nWeekday[h]++] = rate;
            }
        }
        baseline.learnedDays += wornInDay >= LEARNED_DAY_COVERAGE * 1440 ? 1 : 0;
        for (int h = 0; h < 24; h++) {
            baseline.all[h] = n[h] >= minDays ? (float) median(byHour[h], n[h]) : Float.NaN;
            baseline.weekday[h] = nWeekday[h] >= minDays ? (float) median(byHourWeekday[h], nWeekday[h]) : Float.NaN;
            baseline.weekend[h] = nWeekend[h] >= 3 ? (float) median(byHourWeekend[h], nWeekend[h]) : Float.NaN;
        }
        baseline.splitWeekend = differs(baseline.weekday, baseline.weekend);
        return baseline;
    }

    private static boolean differs(float[] weekday, float[] weekend) {
        double a = 0;
        double b = 0;
        for (int h = 0; h < 24; h++) {
            if (Float.isNaN(weekday[h]) || Float.isNaN(weekend[h])) {
                return false;
            }
            a += weekday[h];
            b += weekend[h];
        }
        return a > 0 && Math.abs(b - a) / a > WEEKEND_DIFFERS;
    }

    /** Expected activity per worn minute in this hour, or NaN while this hour of day is not yet learned. */
    float rate(long hour, LocalCalendar calendar) {
        int h = calendar.hourOfDay(hour);
        if (splitWeekend) {
            return calendar.weekend(hour) ? weekend[h] : weekday[h];
        }
        return all[h];
    }

    /** Days in the learning span with enough worn data; below the warm-up threshold nothing health-related fires. */
    int learnedDays() {
        return learnedDays;
    }

    boolean splitWeekend() {
        return splitWeekend;
    }

    /** The typical rate of each hour of day (weekdays where weekends differ), NaN where not learned. */
    float typical(int hourOfDay) {
        return splitWeekend ? weekday[hourOfDay] : all[hourOfDay];
    }

    static double median(double[] values, int count) {
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        int mid = count / 2;
        return count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }
}
