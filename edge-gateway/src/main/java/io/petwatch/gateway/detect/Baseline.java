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
    /** Bit h set: local hour h is in the busier half of the pet's day (fewer than 12 learned hours are busier). */
    private int busyHours;
    private int learnedDays;
    /** The learning span and its thresholds, so the band can be computed from the same days when it is needed. */
    private long fromHour;
    private long toHour;
    private int minWornMinutes;
    private int minDays;

    private Baseline() {
    }

    /**
     * Scratch space for learning, reused from day to day (detection runs on one thread), so relearning a baseline
     * allocates only the small result.
     */
    static final class Scratch {
        private double[][] all = new double[24][0];
        private double[][] weekday = new double[24][0];
        private double[][] weekend = new double[24][0];
        private final int[] n = new int[24];
        private final int[] nWeekday = new int[24];
        private final int[] nWeekend = new int[24];
        private double[] sort = new double[0];

        private void reset(int days) {
            if (all[0].length < days) {
                all = new double[24][days];
                weekday = new double[24][days];
                weekend = new double[24][days];
                sort = new double[days];
            }
            java.util.Arrays.fill(n, 0);
            java.util.Arrays.fill(nWeekday, 0);
            java.util.Arrays.fill(nWeekend, 0);
        }

        private double median(double[] values, int count) {
            System.arraycopy(values, 0, sort, 0, count);
            Arrays.sort(sort, 0, count);
            int mid = count / 2;
            return count % 2 == 1 ? sort[mid] : (sort[mid - 1] + sort[mid]) / 2.0;
        }
    }

    static Baseline learn(HourRing ring, LocalCalendar calendar, long fromHour, long toHour, int minWornMinutes,
                          int minDays) {
        return learn(ring, calendar, fromHour, toHour, minWornMinutes, minDays, new Scratch());
    }

    static Baseline learn(HourRing ring, LocalCalendar calendar, long fromHour, long toHour, int minWornMinutes,
                          int minDays, Scratch scratch) {
        Baseline baseline = new Baseline();
        baseline.fromHour = fromHour;
        baseline.toHour = toHour;
        baseline.minWornMinutes = minWornMinutes;
        baseline.minDays = minDays;
        baseline.learnedDays = collect(ring, calendar, fromHour, toHour, minWornMinutes, scratch);
        for (int h = 0; h < 24; h++) {
            baseline.all[h] = scratch.n[h] >= minDays ? (float) scratch.median(scratch.all[h], scratch.n[h]) : Float.NaN;
            baseline.weekday[h] = scratch.nWeekday[h] >= minDays
                    ? (float) scratch.median(scratch.weekday[h], scratch.nWeekday[h]) : Float.NaN;
            baseline.weekend[h] = scratch.nWeekend[h] >= 3
                    ? (float) scratch.median(scratch.weekend[h], scratch.nWeekend[h]) : Float.NaN;
        }
        baseline.splitWeekend = differs(baseline.weekday, baseline.weekend);
        baseline.busyHours = baseline.busierHalf();
        return baseline;
    }

    /** Each hour of day's rates (activity per worn minute) over the span into {@code scratch}; returns learned days. */
    private static int collect(HourRing ring, LocalCalendar calendar, long fromHour, long toHour, int minWornMinutes,
                               Scratch scratch) {
        scratch.reset((int) Math.max(0, toHour - fromHour) / 24 + 2);
        int learnedDays = 0;
        long wornInDay = 0;
        long day = Long.MIN_VALUE;
        for (long hour = Math.max(fromHour, ring.newest() - ring.capacity() + 1); hour < toHour; hour++) {
            long d = calendar.day(hour);
            if (d != day) {
                learnedDays += wornInDay >= LEARNED_DAY_COVERAGE * 1440 ? 1 : 0;
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
            scratch.all[h][scratch.n[h]++] = rate;
            if (calendar.weekend(hour)) {
                scratch.weekend[h][scratch.nWeekend[h]++] = rate;
            } else {
                scratch.weekday[h][scratch.nWeekday[h]++] = rate;
            }
        }
        return learnedDays + (wornInDay >= LEARNED_DAY_COVERAGE * 1440 ? 1 : 0);
    }

    /**
     * The pet's usual range: for each hour of day, the quartiles of the learning days' rates, from the same span and
     * the same weekday/weekend profiles as the medians. Computed again from the ring, only when an alert is raised,
     * so a collar's state carries nothing more.
     */
    BaselineBand band(HourRing ring, LocalCalendar calendar) {
        Scratch scratch = new Scratch();
        collect(ring, calendar, fromHour, toHour, minWornMinutes, scratch);
        float[][] low = new float[3][24];
        float[][] high = new float[3][24];
        for (int h = 0; h < 24; h++) {
            quartiles(scratch.all[h], scratch.n[h], minDays, low[0], high[0], h);
            quartiles(scratch.weekday[h], scratch.nWeekday[h], minDays, low[1], high[1], h);
            quartiles(scratch.weekend[h], scratch.nWeekend[h], 3, low[2], high[2], h);
        }
        return new BaselineBand(low, high, splitWeekend);
    }

    private static void quartiles(double[] values, int count, int atLeast, float[] low, float[] high, int h) {
        if (count < atLeast || count == 0) {
            low[h] = Float.NaN;
            high[h] = Float.NaN;
            return;
        }
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        low[h] = (float) quantile(sorted, 0.25);
        high[h] = (float) quantile(sorted, 0.75);
    }

    /** Linear interpolation between the closest ranks, as spreadsheets compute quartiles. */
    static double quantile(double[] sorted, double q) {
        double rank = q * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
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
    /** The busier half of the pet's day as a bit mask over local hours (see {@link #busy}). */
    int busyMask() {
        return busyHours;
    }

    /** Whether a local hour of day is in the busier half of the pet's day; never while that hour is not learned. */
    boolean busy(int hourOfDay) {
        return (busyHours & (1 << hourOfDay)) != 0;
    }

    private int busierHalf() {
        int mask = 0;
        for (int h = 0; h < 24; h++) {
            float rate = typical(h);
            if (Float.isNaN(rate)) {
                continue;
            }
            int busier = 0;
            for (int o = 0; o < 24; o++) {
                busier += typical(o) > rate ? 1 : 0;
            }
            mask |= busier < 12 ? 1 << h : 0;
        }
        return mask;
    }

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
