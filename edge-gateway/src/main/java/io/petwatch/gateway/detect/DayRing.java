package io.petwatch.gateway.detect;

/**
 * A collar's recent local days in a fixed ring, seven bytes a day: the summed activity of worn minutes, the worn
 * minutes, and the share of the pet's usual day's activity those worn minutes cover (in 250ths). Days are indexed
 * by local day number ({@link LocalCalendar#day}); moving to a newer day clears the days it skips, so a silent
 * stretch reads as days without data.
 */
final class DayRing {
    static final int SHARE_SCALE = 250;

    private final int[] activity;
    private final short[] worn;
    private final byte[] share;
    private long newest = Long.MIN_VALUE;

    DayRing(int capacityDays) {
        activity = new int[capacityDays];
        worn = new short[capacityDays];
        share = new byte[capacityDays];
    }

    int capacity() {
        return activity.length;
    }

    long newest() {
        return newest;
    }

    boolean holds(long day) {
        return newest != Long.MIN_VALUE && day <= newest && day > newest - activity.length;
    }

    /** Records one day (a newer one moves the ring on; one older than the ring holds is ignored). */
    void put(long day, long dayActivity, int wornMinutes, double coveredShare) {
        advanceTo(day);
        if (!holds(day)) {
            return;
        }
        int slot = slot(day);
        activity[slot] = (int) Math.min(Integer.MAX_VALUE, Math.max(0, dayActivity));
        worn[slot] = (short) Math.min(Short.MAX_VALUE, Math.max(0, wornMinutes));
        share[slot] = (byte) Math.round(Math.max(0, Math.min(1, coveredShare)) * SHARE_SCALE);
    }

    private void advanceTo(long day) {
        if (newest != Long.MIN_VALUE && day <= newest) {
            return;
        }
        long from = newest == Long.MIN_VALUE ? day - activity.length + 1 : Math.max(newest + 1, day - activity.length + 1);
        for (long d = from; d <= day; d++) {
            int slot = slot(d);
            activity[slot] = 0;
            worn[slot] = 0;
            share[slot] = 0;
        }
        newest = day;
    }

    long activity(long day) {
        return holds(day) ? activity[slot(day)] : 0;
    }

    int worn(long day) {
        return holds(day) ? worn[slot(day)] : 0;
    }

    /** Share of the pet's usual day's activity the day's worn minutes cover, 0..1 (0 for a day not held). */
    double share(long day) {
        return holds(day) ? (share[slot(day)] & 0xFF) / (double) SHARE_SCALE : 0;
    }

    private int slot(long day) {
        return (int) Math.floorMod(day, (long) activity.length);
    }

    /** Raw arrays and position, for snapshots. */
    int[] activityArray() {
        return activity;
    }

    short[] wornArray() {
        return worn;
    }

    byte[] shareArray() {
        return share;
    }

    /**
     * Takes back a saved ring, possibly of another length (the window was retuned): the newest days that fit are
     * kept, the others dropped.
     */
    void restore(long savedNewest, int[] savedActivity, short[] savedWorn, byte[] savedShare) {
        if (savedNewest == Long.MIN_VALUE) {
            return;
        }
        int n = savedActivity.length;
        if (savedWorn.length != n || savedShare.length != n) {
            throw new IllegalArgumentException("day ring arrays differ in length: " + n + ", " + savedWorn.length
                    + ", " + savedShare.length);
        }
        newest = savedNewest;
        for (long d = savedNewest - Math.min(n, activity.length) + 1; d <= savedNewest; d++) {
            int from = (int) Math.floorMod(d, (long) n);
            int to = slot(d);
            activity[to] = savedActivity[from];
            worn[to] = savedWorn[from];
            share[to] = savedShare[from];
        }
    }
}
