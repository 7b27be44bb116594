package io.petwatch.sim.suite;

/**
 * How a collar's hardware distorts what it reports, as seen on real devices, and how it sends. {@link #standard()}
 * distorts nothing; each distortion is off at zero.
 *
 * @param restFloor          while the pet rests the device reports exactly this count minute after minute (an
 *                           Actiwatch-like quantised floor), and never less than it while worn; 0 for none
 * @param maxCount           counts are clipped at this device maximum (saturation); 0 for no clipping
 * @param dropoutsPerDay     how often a run of 1 to {@link #MAX_DROPOUT_MINUTES} minutes is simply not sent
 * @param duplicateShare     share of minutes sent twice (same stamp, same value), in the same batch or the next
 * @param driftSecondsPerDay how fast the collar's clock runs ahead (negative: behind) of true time
 * @param batchMinutes       minutes per telemetry batch
 * @param qos                the MQTT QoS its batches are published with
 * @param battery            its battery's level and drain
 */
public record DeviceProfile(int restFloor, int maxCount, double dropoutsPerDay, double duplicateShare,
                            double driftSecondsPerDay, int batchMinutes, int qos, Battery battery) {
    public static final int MAX_DROPOUT_MINUTES = 15;
    public static final int STANDARD_BATCH_MINUTES = 60;

    public DeviceProfile {
        if (restFloor < 0 || maxCount < 0 || dropoutsPerDay < 0 || duplicateShare < 0 || duplicateShare > 1) {
            throw new IllegalArgumentException("device profile out of range: restFloor " + restFloor + ", maxCount "
                    + maxCount + ", dropoutsPerDay " + dropoutsPerDay + ", duplicateShare " + duplicateShare);
        }
        if (maxCount > 0 && restFloor > maxCount) {
            throw new IllegalArgumentException("rest floor " + restFloor + " above the maximum count " + maxCount);
        }
        if (batchMinutes < 1 || batchMinutes > 1440 || qos < 0 || qos > 2) {
            throw new IllegalArgumentException("batch minutes must be 1..1440 and QoS 0..2, were " + batchMinutes
                    + " and " + qos);
        }
    }

    /** A device that reports the pet's minutes as they are, an hour a batch at QoS 1, its battery steady at 80%. */
    public static DeviceProfile standard() {
        return new DeviceProfile(0, 0, 0, 0, 0, STANDARD_BATCH_MINUTES, 1, Battery.STEADY);
    }

    public DeviceProfile withRestFloor(int floor) {
        return new DeviceProfile(floor, maxCount, dropoutsPerDay, duplicateShare, driftSecondsPerDay, batchMinutes,
                qos, battery);
    }

    public DeviceProfile withMaxCount(int max) {
        return new DeviceProfile(restFloor, max, dropoutsPerDay, duplicateShare, driftSecondsPerDay, batchMinutes,
                qos, battery);
    }

    public DeviceProfile withDropoutsPerDay(double perDay) {
        return new DeviceProfile(restFloor, maxCount, perDay, duplicateShare, driftSecondsPerDay, batchMinutes, qos,
                battery);
    }

    public DeviceProfile withDuplicateShare(double share) {
        return new DeviceProfile(restFloor, maxCount, dropoutsPerDay, share, driftSecondsPerDay, batchMinutes, qos,
                battery);
    }

    public DeviceProfile withDriftSecondsPerDay(double seconds) {
        return new DeviceProfile(restFloor, maxCount, dropoutsPerDay, duplicateShare, seconds, batchMinutes, qos,
                battery);
    }

    public DeviceProfile withBatchMinutes(int minutes) {
        return new DeviceProfile(restFloor, maxCount, dropoutsPerDay, duplicateShare, driftSecondsPerDay, minutes, qos,
                battery);
    }

    public DeviceProfile withQos(int level) {
        return new DeviceProfile(restFloor, maxCount, dropoutsPerDay, duplicateShare, driftSecondsPerDay, batchMinutes,
                level, battery);
    }

    public DeviceProfile withBattery(Battery b) {
        return new DeviceProfile(restFloor, maxCount, dropoutsPerDay, duplicateShare, driftSecondsPerDay, batchMinutes,
                qos, b);
    }
}
