package io.petwatch.gateway.detect;

/**
 * The value a collar reports while its pet lies still, learned from the small counts of the last days. Many
 * real devices report a quantised floor (the same 3, minute after minute, for hours) instead of zeros; a plateau at
 * that value is a resting pet, not a stuck sensor. Counts of the values 0..31 halve every day of data, so the floor
 * follows a firmware change within days. One array increment a sample, no allocation.
 */
final class RestFloor {
    static final int UNKNOWN = -1;
    private static final int VALUES = 32;
    private static final int DECAY_MINUTES = 1440;
    /** Minutes of data before the floor is trusted. */
    private static final int MIN_MINUTES = 180;
    /** The floor must be at least this share of the minutes seen (a pet rests a good part of its day). */
    private static final double MIN_SHARE = 0.08;
    /** Counts this small are rest on any device. */
    private static final int SMALLEST = 3;

    private final int[] counts = new int[VALUES];
    private int total;
    private int sinceDecay;
    /** Learned again every hour of data (the rules ask for it every minute). */
    private int floor = UNKNOWN;

    /** Ints in {@link #state()}: the counts, the total, minutes since the last decay, and the floor. */
    static final int STATE_INTS = VALUES + 3;

    /** Everything a snapshot keeps, so a restarted gateway judges plateaus as the running one did. */
    int[] state() {
        int[] out = java.util.Arrays.copyOf(counts, STATE_INTS);
        out[VALUES] = total;
        out[VALUES + 1] = sinceDecay;
        out[VALUES + 2] = floor;
        return out;
    }

    /** Takes back {@link #state()}; an all-zero array (a snapshot from before floors were kept) is an empty floor. */
    void restore(int[] state) {
        System.arraycopy(state, 0, counts, 0, VALUES);
        total = state[VALUES];
        sinceDecay = state[VALUES + 1];
        floor = total == 0 ? UNKNOWN : state[VALUES + 2];
    }

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
        if (sinceDecay % 60 == 0) {
            floor = learn();
        }
    }

    /**
     * The device's rest floor: the most frequent count from 0 to 31 when it is common enough, else
     * {@link #UNKNOWN} (also before three hours of data). The caller leaves out the zeros of non-wear, so days in
     * a drawer do not hide a quantised floor.
     */
    int floor() {
        return floor;
    }

    /** Counts a run of zeros that turned out to be the pet at rest. */
    void addZeros(int minutes) {
        for (int i = 0; i < minutes; i++) {
            add(0);
        }
    }

    private int learn() {
        if (total < MIN_MINUTES) {
            return UNKNOWN;
        }
        int best = 0;
        for (int v = 1; v < VALUES; v++) {
            best = counts[v] > counts[best] ? v : best;
        }
        return counts[best] >= MIN_SHARE * total ? best : UNKNOWN;
    }

    /**
     * Whether a value is at or near the floor: what a resting pet reports on this device. The smallest counts
     * (up to {@link #SMALLEST}) always are: a zero-floor device's resting pet twitches at that scale.
     */
    boolean atFloor(int value) {
        return value <= SMALLEST || floor > 0 && Math.abs(value - floor) <= Math.max(1, floor / 2);
    }
}
