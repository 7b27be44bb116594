package io.petwatch.sim.suite;

/**
 * How a collar's hardware distorts what it reports, as seen on real devices. {@link #standard()} distorts nothing;
 * each component is off at zero.
 *
 * @param restFloor          while the pet rests the device reports exactly this count minute after minute (an
 *                           Actiwatch-like quantised floor), and never less than it while worn; 0 for none
 * @param maxCount           counts are clipped at this device maximum (saturation); 0 for no clipping
 * @param dropoutsPerDay     how often a run of 1 to {@link #MAX_DROPOUT_MINUTES} minutes is simply not sent
 * @param duplicateShare     share of minutes sent twice (same stamp, same value), in the same batch or the next
 * @param driftSecondsPerDay how fast the collar's clock runs ahead (negative: behind) of true time
 */
public record DeviceProfile(int restFloor, int maxCount, double dropoutsPerDay, double duplicateShare,
                            double driftSecondsPerDay) {
    public static final int MAX_DROPOUT_MINUTES = 15;

    public DeviceProfile {
        if (restFloor < 0 || maxCount < 0 || dropoutsPerDay < 0 || duplicateShare < 0 || duplicateShare > 1) {
            throw new IllegalArgumentException("device profile out of range: restFloor " + restFloor + ", maxCount "
                    + maxCount + ", dropoutsPerDay " + dropoutsPerDay + ", duplicateShare " + duplicateShare);
        }
        if (maxCount > 0 && restFloor > maxCount) {
            throw new IllegalArgumentException("rest floor " + restFloor + " above the maximum count " + maxCount);
        }
    }

    /** A device that reports the pet's minutes as they are. */
    public static DeviceProfile standard() {
        return new DeviceProfile(0, 0, 0, 0, 0);
    }

    public DeviceProfile withRestFloor(int floor) {
        return new DeviceProfile(floor, maxCount, dropoutsPerDay, duplicateShare, driftSecondsPerDay);
    }

    public DeviceProfile withMaxCount(int max) {
        return new DeviceProfile(restFloor, max, dropoutsPerDay, duplicateShare, driftSecondsPerDay);
    }

    public DeviceProfile withDropoutsPerDay(double perDay) {
        return new DeviceProfile(restFloor, maxCount, perDay, duplicateShare, driftSecondsPerDay);
    }

    public DeviceProfile withDuplicateShare(double share) {
        return new DeviceProfile(restFloor, maxCount, dropoutsPerDay, share, driftSecondsPerDay);
    }

    public DeviceProfile withDriftSecondsPerDay(double seconds) {
        return new DeviceProfile(restFloor, maxCount, dropoutsPerDay, duplicateShare, seconds);
    }
}
