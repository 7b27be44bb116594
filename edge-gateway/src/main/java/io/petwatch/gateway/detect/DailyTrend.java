package io.petwatch.gateway.detect;

import java.util.Arrays;
import java.util.Optional;

/**
 * A robust straight line through a window's counted days (Theil-Sen): the slope is the median of the slopes between
 * every two counted days, the level the median of what each day says the line's start is. Up to about three in ten
 * odd days (a walk in the hills, a lazy Sunday) move neither, missing days simply take no part, and a step inside the
 * window reads as the decline it is. The fitted ends are the line's level at the window's start and at its end, so
 * "down 40% over 30 days" is measured across the whole window, not between two averages weeks apart.
 *
 * @param then    the line's level at the start of the window's first day
 * @param now     its level at the end of the window
 * @param perDay  the slope, activity per day
 * @param counted the days the line was fitted to
 */
record DailyTrend(double then, double now, double perDay, int counted) {

    /**
     * @param days   offsets of the counted days from the window's first day (0 for the first), ascending
     * @param levels their levels
     * @param n      how many of the arrays' entries are used
     * @param end    offset of the window's end (its length in days)
     */
    static Optional<DailyTrend> fit(int[] days, double[] levels, int n, int end) {
        if (n < 2) {
            return Optional.empty();
        }
        double[] slopes = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                slopes[k++] = (levels[j] - levels[i]) / (days[j] - days[i]);
            }
        }
        double slope = median(slopes, k);
        double[] starts = new double[n];
        for (int i = 0; i < n; i++) {
            starts[i] = levels[i] - slope * days[i];
        }
        double then = median(starts, n);
        return Optional.of(new DailyTrend(then, then + slope * end, slope, n));
    }

    private static double median(double[] values, int n) {
        Arrays.sort(values, 0, n);
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /** The fitted level now over the fitted level then (1.0 when the start is not positive). */
    double ratio() {
        return then > 0 ? now / then : 1.0;
    }
}
