package io.petwatch.gateway.detect;

/**
 * A collar's recent hours in a fixed ring of primitive arrays, 7 bytes an hour: summed activity of worn
 * minutes, worn minutes, minutes received, and worn minutes active above the pet's rest threshold. Hours are indexed by epoch hour (epoch ms / 3,600,000). Adding an
 * hour newer than the newest clears the slots it skips, so gaps read as hours without data.
 */
final class HourRing {
    static final long HOUR_MS = 3_600_000L;
    static final long MINUTE_MS = 60_000L;

    private final int capacity;
    private final int[] activity;
    private final byte[] worn;
    private final byte[] seen;
    private final byte[] active;
    private long newest = Long.MIN_VALUE;

    HourRing(int capacityHours) {
        this.capacity = capacityHours;
        this.activity = new int[capacityHours];
        this.worn = new byte[capacityHours];
        this.seen = new byte[capacityHours];
        this.active = new byte[capacityHours];
    }

    int capacity() {
        return capacity;
    }

    /** The newest hour held, or Long.MIN_VALUE before any data. */
    long newest() {
        return newest;
    }

    /** Whether an hour is inside the ring's span (it may still hold no data). */
    boolean holds(long hour) {
        return newest != Long.MIN_VALUE && hour <= newest && hour > newest - capacity;
    }

    /** Moves the ring forward so that {@code hour} is its newest, clearing every slot it passes. */
    void advanceTo(long hour) {
        if (newest != Long.MIN_VALUE && hour <= newest) {
            return;
        }
        long from = newest == Long.MIN_VALUE ? hour - capacity + 1 : Math.max(newest + 1, hour - capacity + 1);
        for (long h = from; h <= hour; h++) {
            int slot = slot(h);
            activity[slot] = 0;
            worn[slot] = 0;
            seen[slot] = 0;
            active[slot] = 0;
        }
        newest = hour;
    }

    /**
     * Records one minute of an hour the ring holds; returns false when the hour already has 60 minutes (a batch
     * re-sent under a new seq: the minute is not counted twice).
     */
    boolean add(long hour, int minuteActivity, boolean isWorn, boolean isActive) {
        int slot = slot(hour);
        if (seen[slot] >= 60) {
            return false;
        }
        seen[slot]++;
        if (isWorn) {
            worn[slot]++;
            activity[slot] += minuteActivity;
            if (isActive) {
                active[slot]++;
            }
        }
        return true;
    }

    /** Takes back minutes once counted as worn (non-wear or a stuck sensor found after the fact). */
    void unwear(long hour, int minutes, long minuteActivity) {
        if (!holds(hour)) {
            return;
        }
        int slot = slot(hour);
        int n = Math.min(minutes, worn[slot]);
        worn[slot] -= (byte) n;
        activity[slot] = (int) Math.max(0, activity[slot] - minuteActivity);
    }

    int activity(long hour) {
        return holds(hour) ? activity[slot(hour)] : 0;
    }

    int worn(long hour) {
        return holds(hour) ? worn[slot(hour)] : 0;
    }

    int seen(long hour) {
        return holds(hour) ? seen[slot(hour)] : 0;
    }

    int active(long hour) {
        return holds(hour) ? active[slot(hour)] : 0;
    }

    private int slot(long hour) {
        return (int) Math.floorMod(hour, (long) capacity);
    }

    /** Raw arrays and position, for snapshots. */
    int[] activityArray() {
        return activity;
    }

    byte[] wornArray() {
        return worn;
    }

    byte[] seenArray() {
        return seen;
    }

    byte[] activeArray() {
        return active;
    }

    void restoreNewest(long hour) {
        newest = hour;
    }
}
