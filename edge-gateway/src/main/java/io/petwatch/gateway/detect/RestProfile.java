package io.petwatch.gateway.detect;

/**
 * When the pet rests and what counts as movement then, learned from its baseline: the quietest run of
 * {@code restHours} local hours, the busier half of its day, and an activity threshold that is a multiple of its own
 * typical rate in those hours (a cat dozing by day and a dog asleep at night twitch on very different scales).
 */
record RestProfile(int startHourOfDay, int hours, int activeThreshold, int busyHours) {
    /** Before the baseline is learned nothing is active and there is no rest period. */
    static final RestProfile UNKNOWN = new RestProfile(0, 0, Integer.MAX_VALUE, 0);

    /**
     * @param floor the device's rest floor ({@link RestFloor#UNKNOWN} or 0 for none): movement is measured above it,
     *              since on a quantised device every minute above the floor is the pet moving
     */
    static RestProfile of(Baseline baseline, RestlessnessParams params, int floor) {
        double[] typical = new double[24];
        for (int h = 0; h < 24; h++) {
            typical[h] = baseline.typical(h);
            if (Double.isNaN(typical[h])) {
                return UNKNOWN;
            }
        }
        int bestStart = 0;
        double best = Double.MAX_VALUE;
        for (int start = 0; start < 24; start++) {
            double sum = 0;
            for (int i = 0; i < params.restHours(); i++) {
                sum += typical[(start + i) % 24];
            }
            if (sum < best) {
                best = sum;
                bestStart = start;
            }
        }
        double resting = best / params.restHours();
        int base = Math.max(0, floor);
        return new RestProfile(bestStart, params.restHours(),
                base + (int) Math.max(1, Math.ceil(Math.max(0, resting - base) * params.activeMultiple())),
                baseline.busyMask());
    }

    boolean known() {
        return hours > 0;
    }

    /** Whether a local hour of day is in the busier half of the pet's day (as its baseline has it). */
    boolean busy(int hourOfDay) {
        return (busyHours & (1 << hourOfDay)) != 0;
    }

    /** Whether a local hour of day falls in the rest period. */
    boolean contains(int hourOfDay) {
        return known() && Math.floorMod(hourOfDay - startHourOfDay, 24) < hours;
    }

    /** Whether the hour boundary at this local hour of day is the end of a rest period. */
    boolean endsAt(int hourOfDay) {
        return known() && hourOfDay == (startHourOfDay + hours) % 24;
    }
}
