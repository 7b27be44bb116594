package io.petwatch.sim.suite;

import io.petwatch.proto.v1.Sample;
import io.petwatch.proto.v1.TelemetryBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One collar's hardware between the pet and its batches, per {@link DeviceProfile}: it quantises and clips counts,
 * loses short runs of minutes, sends some twice and stamps them by its own drifting clock. Its randomness is its own,
 * seeded from the script seed, so the pet model's stream (and every standard device's output) stays as it was.
 */
final class DeviceChannel {
    /**
     * Counts up to this many times the floor read as the floor: quantisation swallows a resting pet's small
     * movements (runs of the floor for hours), while a restless or waking pet's movement still shows above it.
     */
    static final int QUANTUM_FLOORS = 3;
    private static final double MINUTES_PER_DAY = 1440;

    private final DeviceProfile profile;
    private final SplittableRandom random;
    private final long startMs;
    private final List<Sample> carried = new ArrayList<>();
    private int dropping; // minutes of the current dropout still to lose
    private boolean sentLast = true;

    DeviceChannel(DeviceProfile profile, long seed, Instant start) {
        this.profile = profile;
        this.random = new SplittableRandom(seed ^ 0xDE71CEL);
        this.startMs = start.toEpochMilli();
    }

    /** The count a worn, working sensor reports for the minute the pet model drew. */
    int count(int drawn) {
        int count = drawn;
        int floor = profile.restFloor();
        if (floor > 0 && count <= QUANTUM_FLOORS * floor) {
            count = floor;
        }
        return profile.maxCount() > 0 ? Math.min(profile.maxCount(), count) : count;
    }

    /** Opens a batch with the minutes the previous one carried over to be sent again. */
    void begin(TelemetryBatch.Builder batch) {
        carried.forEach(batch::addSamples);
        carried.clear();
    }

    /** Puts one true minute into the batch as the device sends it: maybe lost, stamped by its clock, maybe twice. */
    void send(Sample minute, TelemetryBatch.Builder batch) {
        if (dropped()) {
            return;
        }
        Sample sent = profile.driftSecondsPerDay() == 0 ? minute
                : minute.toBuilder().setMinuteStartMs(stamp(minute.getMinuteStartMs())).build();
        batch.addSamples(sent);
        if (profile.duplicateShare() > 0 && random.nextDouble() < profile.duplicateShare()) {
            // A retried write repeats the minute at once; an unacknowledged tail is sent again with the next batch.
            if (random.nextBoolean()) {
                batch.addSamples(sent);
            } else {
                carried.add(sent);
            }
        }
    }

    /** Whether this minute is lost; a sent minute separates dropouts, so no gap exceeds the maximum. */
    private boolean dropped() {
        if (dropping == 0 && sentLast && profile.dropoutsPerDay() > 0
                && random.nextDouble() < profile.dropoutsPerDay() / MINUTES_PER_DAY) {
            dropping = 1 + random.nextInt(DeviceProfile.MAX_DROPOUT_MINUTES);
        }
        sentLast = dropping == 0;
        if (dropping > 0) {
            dropping--;
        }
        return !sentLast;
    }

    /** The device clock's stamp: true time plus the drift accumulated since the run started, in whole ms. */
    private long stamp(long trueMs) {
        return trueMs + Math.round(profile.driftSecondsPerDay() * 1000.0 * (trueMs - startMs) / 86_400_000.0);
    }
}
