package io.petwatch.gateway.detect;

/**
 * The value a collar reports while its pet lies still: the most frequent small count over the last days. Many
 * real devices report a quantised floor (the same 3, minute after minute, for hours) instead of zeros; a plateau at
 * that value is a resting pet, not a stuck sensor. Counts of the values 0..31 halve every day of data, so the floor
 * follows a firmware change within days. One array increment a sample, no allocation.
 */
final class RestFloor {
    static final int UNKNOWN = -1;
    private static final int VALUES = 32;
    private static final int DECAY_MINUTES = 1440;
    /** Minutes of data before the floor is trusted. */
    private static final int MIN_MINUTES = 360;
    /** The floor must be at least this share of the minutes seen (a pet rests a good part of its day). */
    private static final double MIN_SHARE = 0.08;

    private final int[] counts = new int[VALUES];
    private int total;
    private int sinceDecay;

    void add(int activity) {
        total++;
        if (activity < VALUES) {
            counts[activity]++;
        }
        if (++sinceDecay == DECAY_MINUTES) {
            sinceDecay = 0;
            total >>= 1;
            for (int v = 0; v < VALUES; v++) {
                counts[v] >>= 1;
            }
        }
    }

    /** The floor value, or {@link #UNKNOWN} before there is enough data or when no small value dominates. */
    int floor() {
        if (total < MIN_MINUTES / 2) {
            return UNKNOWN;
        }
        int best = 0;
        for (int v = 1; v < VALUES; v++) {
            best = counts[v] > counts[best] ? v : best;
        }
        return counts[best] >= MIN_SHARE * total ? best : UNKNOWN;
    }

    /** Whether a value is at or near the floor: what a resting pet reports on this device. */
    boolean atFloor(int value) {
        int floor = floor();
        if (floor == UNKNOWN) {
            return value <= 3; // before the floor is known only the smallest counts pass as rest
        }
        return Math.abs(value - floor) <= Math.max(1, floor / 2);
    }
}
