package io.petwatch.sim.model;

import java.util.List;

/**
 * How a kind of pet spends its day: the mean activity count per minute for each local hour, on weekdays, and how
 * weekends differ. Collars of the same model report on one scale; pets differ in how much of it they use.
 *
 * @param name          what the profile stands for, e.g. "large dog"
 * @param weekdayHourly mean activity per minute for local hours 0..23
 * @param weekendShiftHours hours the morning starts later at weekends (people sleep in)
 * @param weekendFactor how much more active the daytime is at weekends
 */
public record PetProfile(String name, double[] weekdayHourly, int weekendShiftHours, double weekendFactor) {

    public PetProfile {
        if (weekdayHourly.length != 24) {
            throw new IllegalArgumentException("weekdayHourly needs 24 values, got " + weekdayHourly.length);
        }
        weekdayHourly = weekdayHourly.clone();
    }

    private static final double[] DOG = {2, 2, 2, 2, 2, 3, 10, 120, 40, 25, 25, 20, 15, 15, 25, 25, 30, 40, 130, 35, 30,
            20, 6, 3};
    private static final double[] CAT = {15, 15, 12, 12, 20, 60, 55, 30, 20, 10, 8, 8, 8, 8, 10, 15, 20, 25, 70, 65, 40,
            25, 20, 15};

    /** The profiles the simulator cycles through: collar n gets {@code ALL.get((n - 1) % ALL.size())}. */
    public static final List<PetProfile> ALL = List.of(
            new PetProfile("medium dog", DOG, 1, 1.15),
            new PetProfile("large dog", scale(DOG, 1.25), 1, 1.2),
            new PetProfile("small dog", scale(DOG, 0.7), 1, 1.1),
            new PetProfile("senior dog", scale(DOG, 0.5), 0, 1.0),
            new PetProfile("indoor cat", scale(CAT, 0.6), 0, 1.0),
            new PetProfile("outdoor cat", CAT, 0, 1.05));

    /** The scored scenario suite adds a puppy (young and busy) to the six above. */
    public static final List<PetProfile> SUITE = List.of(ALL.get(0), ALL.get(1), ALL.get(2), ALL.get(3), ALL.get(4),
            ALL.get(5), new PetProfile("puppy", scale(DOG, 1.5), 1, 1.1));

    /** The local hour that starts this pet's quietest run of {@code hours} hours (on weekdays). */
    public int quietestStart(int hours) {
        int best = 0;
        double bestSum = Double.MAX_VALUE;
        for (int start = 0; start < 24; start++) {
            double sum = 0;
            for (int i = 0; i < hours; i++) {
                sum += weekdayHourly[(start + i) % 24];
            }
            if (sum < bestSum) {
                bestSum = sum;
                best = start;
            }
        }
        return best;
    }

    private static double[] scale(double[] hourly, double factor) {
        double[] scaled = new double[hourly.length];
        for (int i = 0; i < hourly.length; i++) {
            scaled[i] = hourly[i] * factor;
        }
        return scaled;
    }

    /** Mean activity per minute at a local hour, weekends shifted and livelier where this pet's routine says so. */
    public double meanAt(int localHour, boolean weekend) {
        if (!weekend) {
            return weekdayHourly[localHour];
        }
        int shifted = Math.floorMod(localHour - weekendShiftHours, 24);
        boolean daytime = localHour >= 8 && localHour < 21;
        return weekdayHourly[shifted] * (daytime ? weekendFactor : 1.0);
    }
}
