package io.petwatch.gateway.detect;

/**
 * Decides minute by minute whether the collar was on the pet. The collar's own wear flag wins where it has one.
 * Runs follow arrival order and break at any gap; a run is only known for what it is once it is long enough, so
 * the minutes already counted as worn are taken back from the ring then.
 *
 * <ul>
 *   <li>A run of one non-zero value far from the device's rest floor is a stuck sensor after {@code stuckMinutes}.
 *       At or near the floor it is a resting pet, unless it goes on for a whole day or through 8 h of the busier
 *       half of the pet's day: a resting pet cannot do that.</li>
 *   <li>For WEAR_UNKNOWN firmware a run of exact zeros is non-wear after {@code zeroRunMinutes}; on a device whose
 *       floor is zero, minutes inside the pet's rest period do not count towards that (deep rest reads as zeros
 *       there), unless the run reaches 12 h. As in Choi's algorithm, up to two non-zero minutes with 30 zeros on
 *       each side do not break a run (a collar on a table is bumped now and then); their counts stay in their
 *       hour's sum.</li>
 * </ul>
 */
final class WearTracker {
    /** Where a minute falls in the pet's usual day: not yet known, its rest period, awake, the busier half. */
    static final int UNKNOWN = 0;
    static final int REST = 1;
    static final int AWAKE = 2;
    static final int BUSY = 3;
    /** A plateau at the floor for a whole day is a fault whatever the hours. */
    static final int LONGEST_PLATEAU_MINUTES = 24 * 60;
    /** A plateau at the floor through this many minutes of the busier half of the pet's day is a fault. */
    static final int BUSY_PLATEAU_MINUTES = 8 * 60;
    /** Non-zero minutes tolerated inside a run of zeros, and the zeros needed on each side of them (Choi). */
    static final int SPIKE_MINUTES = 2;
    static final int SPIKE_GUARD_MINUTES = 30;
    /** A run of zeros this long is non-wear whatever the hours: no rest lasts that long without a twitch. */
    static final int LONGEST_ZERO_REST_MINUTES = 12 * 60;

    private final WearParams params;
    private final RestFloor floor = new RestFloor();
    private long lastMinute = Long.MIN_VALUE;
    private long zeroRunStart;
    private int zeroRun;
    private int zeroRunAwake;
    private boolean zeroRunOff;
    private int spikeMinutes;
    private int zerosInRun;
    private int zerosSinceSpike;
    private long sameRunStart;
    private int sameRun;
    private int sameRunAwake;
    private int sameValue = -1;
    private boolean stuck;

    WearTracker(WearParams params) {
        this.params = params;
    }

    /**
     * @param hourKind where the minute falls in the pet's usual day ({@link #UNKNOWN} until that is learned)
     */
    boolean worn(long minute, int activity, Wear wear, HourRing ring, int hourKind) {
        if (minute != lastMinute + 1) {
            endZeroRun();
            sameRun = 0;
            sameValue = -1;
            stuck = false;
        }
        lastMinute = minute;
        boolean flaggedOff = wear == Wear.OFF_BODY || wear == Wear.CHARGING;
        if (!flaggedOff && !(wear == Wear.UNKNOWN && activity == 0)) {
            floor.add(activity); // zeros without a wear flag wait until their run is known not to be non-wear
        }
        boolean stuckNow = trackSame(minute, activity, flaggedOff, hourKind == BUSY, ring);
        if (flaggedOff) {
            endZeroRun();
            return false;
        }
        if (stuckNow) {
            return false;
        }
        if (wear == Wear.UNKNOWN) {
            return !trackZeros(minute, activity, hourKind == REST, ring);
        }
        return true;
    }

    /** Whether the current run of one non-zero value is a stuck sensor. */
    boolean stuck() {
        return stuck;
    }

    long stuckSinceMinute() {
        return sameRunStart;
    }

    long lastMinute() {
        return lastMinute;
    }

    /** The rest floor's learned counts, for snapshots (the runs in progress are not kept). */
    int[] floorState() {
        return floor.state();
    }

    void restoreFloor(int[] state) {
        floor.restore(state);
    }

    /** The device's rest floor as learned so far, {@link RestFloor#UNKNOWN} before it is. */
    int restFloor() {
        return floor.floor();
    }

    private boolean trackSame(long minute, int activity, boolean flaggedOff, boolean busy, HourRing ring) {
        if (activity == 0 || activity != sameValue || flaggedOff) {
            sameValue = activity == 0 ? -1 : activity;
            sameRun = activity == 0 ? 0 : 1;
            sameRunAwake = activity != 0 && busy ? 1 : 0;
            sameRunStart = minute;
            stuck = false;
            return false;
        }
        sameRun++;
        sameRunAwake += busy ? 1 : 0;
        if (!stuck && sameRun >= params.stuckMinutes() && (!floor.atFloor(activity)
                || sameRun >= LONGEST_PLATEAU_MINUTES || sameRunAwake >= BUSY_PLATEAU_MINUTES)) {
            stuck = true;
            takeBack(ring, sameRunStart, minute, activity); // the run so far was counted as worn
        }
        return stuck;
    }

    private boolean trackZeros(long minute, int activity, boolean inRest, HourRing ring) {
        if (activity != 0) {
            // Choi's spike tolerance: a collar lying still is bumped now and then. Up to two non-zero minutes
            // after at least 30 zeros keep the run going; another within 30 minutes of them ends it.
            boolean tolerated = zeroRun > 0 && (spikeMinutes > 0 ? spikeMinutes < SPIKE_MINUTES
                    : zerosSinceSpike >= SPIKE_GUARD_MINUTES);
            if (tolerated) {
                spikeMinutes++;
                zerosSinceSpike = 0;
                zeroRun++;
                return zeroRunOff;
            }
            endZeroRun();
            return false;
        }
        spikeMinutes = 0;
        zerosInRun++;
        if (zeroRun == 0) {
            zerosInRun = 1;
            zeroRunStart = minute;
            zeroRunAwake = 0;
            zeroRunOff = false;
            zerosSinceSpike = SPIKE_GUARD_MINUTES; // no spike yet
        }
        zeroRun++;
        zerosSinceSpike++;
        // Deep rest reads as zeros only on a device whose floor is zero, and only in the pet's rest period.
        boolean restCanBeZero = inRest && floor.floor() <= 0; // zero, or not known yet
        zeroRunAwake += restCanBeZero ? 0 : 1;
        if (!zeroRunOff && zerosSinceSpike >= SPIKE_GUARD_MINUTES
                && (zeroRunAwake >= params.zeroRunMinutes() || zeroRun >= LONGEST_ZERO_REST_MINUTES)) {
            zeroRunOff = true;
            takeBack(ring, zeroRunStart, minute, 0); // a tolerated spike's own count stays in its hour's sum
        }
        return zeroRunOff;
    }

    /** Ends the current run of zeros; one that was rest, not non-wear, counts towards the rest floor. */
    private void endZeroRun() {
        if (zeroRun > 0 && !zeroRunOff) {
            floor.addZeros(zerosInRun);
        }
        zeroRun = 0;
        zerosInRun = 0;
    }

    /** Un-counts minutes [fromMinute, toMinute) of one repeated value, hour by hour. */
    private static void takeBack(HourRing ring, long fromMinute, long toMinute, int value) {
        long minute = fromMinute;
        while (minute < toMinute) {
            long hour = Math.floorDiv(minute, 60L);
            long hourEnd = Math.min(toMinute, (hour + 1) * 60);
            int minutes = (int) (hourEnd - minute);
            ring.unwear(hour, minutes, (long) minutes * value);
            minute = hourEnd;
        }
    }
}
