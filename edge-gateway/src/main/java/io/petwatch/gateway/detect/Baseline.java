package io.petwatch.gateway.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The pet's own activity profile by hour of day: the median activity rate (per worn minute) of the same
 * hour over the learning period. The median ignores the odd very long walk or lazy day.
 */
final class Baseline {
    private final double[] medianRate = new double[24];
    private final boolean[] known = new boolean[24];

    private Baseline() {
    }

    /**
     * Learns from the hours in [fromMs, toMs) that had at least {@code minWornMinutes} worn minutes; an hour of
     * day is known once it has at least {@code minDays} such hours.
     */
    static Baseline learn(ActivityHistory history, long fromMs, long toMs, int minWornMinutes, int minDays) {
        List<List<Double>> rates = new ArrayList<>(24);
        for (int h = 0; h < 24; h++) {
            rates.add(new ArrayList<>());
        }
        for (HourBucket bucket : history.between(fromMs, toMs)) {
            if (bucket.wornMinutes() >= minWornMinutes) {
                rates.get(bucket.hourOfDay()).add(bucket.rate());
            }
        }
        Baseline baseline = new Baseline();
        for (int h = 0; h < 24; h++) {
            List<Double> values = rates.get(h);
            if (values.size() >= minDays) {
                baseline.known[h] = true;
                baseline.medianRate[h] = median(values);
            }
        }
        return baseline;
    }

    OptionalDouble rate(int hourOfDay) {
        return known[hourOfDay] ? OptionalDouble.of(medianRate[hourOfDay]) : OptionalDouble.empty();
    }

    /** Hours of the day for which the pet's normal is known. */
    int knownHours() {
        int n = 0;
        for (boolean k : known) {
            n += k ? 1 : 0;
        }
        return n;
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }
}
