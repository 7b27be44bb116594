package io.petwatch.gateway.detect;

/**
 * Decides minute by minute whether the collar was on the pet. The collar's own wear flag wins where it has one.
 * For WEAR_UNKNOWN minutes a long run of exact zeros is non-wear; a long run of one non-zero value is a stuck
 * sensor and not the pet either. Both are only known once the run is long enough, so the minutes of the run
 * already counted as worn are taken back from the ring then. Runs follow arrival order and break at any gap.
 */
final class WearTracker {
    private final WearParams params;
    private long lastMinute = Long.MIN_VALUE;
    private long zeroRunStart;
    private int zeroRun;
    private long sameRunStart;
    private int sameRun;
    private int sameValue = -1;

    WearTracker(WearParams params) {
        this.params = params;
    }

    boolean worn(long minute, int activity, Wear wear, HourRing ring) {
        if (minute != lastMinute + 1) {
            zeroRun = 0;
            sameRun = 0;
            sameValue = -1;
        }
        lastMinute = minute;
        boolean stuckNow = trackSame(minute, activity, wear, ring);
        if (wear == Wear.OFF_BODY || wear == Wear.CHARGING) {
            zeroRun = 0;
            return false;
        }
        if (stuckNow) {
            return false;
        }
        if (wear == Wear.UNKNOWN) {
            return !trackZeros(minute, activity, ring);
        }
        return true;
    }

    /** Whether the current run of one non-zero value is long enough to call the sensor stuck. */
    boolean stuck() {
        return sameRun >= params.stuckMinutes();
    }

    long stuckSinceMinute() {
        return sameRunStart;
    }

    long lastMinute() {
        return lastMinute;
    }

    private boolean trackSame(long minute, int activity, Wear wear, HourRing ring) {
        if (activity == 0 || activity != sameValue || wear == Wear.OFF_BODY || wear == Wear.CHARGING) {
            sameValue = activity == 0 ? -1 : activity;
            sameRun = activity == 0 ? 0 : 1;
            sameRunStart = minute;
            return false;
        }
        sameRun++;
        if (sameRun == params.stuckMinutes()) {
            takeBack(ring, sameRunStart, minute, activity); // the run so far was counted as worn
        }
        return sameRun >= params.stuckMinutes();
    }

    private boolean trackZeros(long minute, int activity, HourRing ring) {
        if (activity != 0) {
            zeroRun = 0;
            return false;
        }
        if (zeroRun == 0) {
            zeroRunStart = minute;
        }
        zeroRun++;
        if (zeroRun == params.zeroRunMinutes()) {
            takeBack(ring, zeroRunStart, minute, 0);
        }
        return zeroRun >= params.zeroRunMinutes();
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
