package io.petwatch.sim.model;

import io.petwatch.proto.v1.Sample;
import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.proto.v1.WearState;
import io.petwatch.sim.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** One simulated collar: turns its pet's activity into the telemetry batches its firmware would publish. */
public final class CollarFirmware {
    public static final String FIRMWARE = "petwatch-sim/1.0";

    private final String collarId;
    private final ActivityModel model;
    private final Scenario scenario;
    private final int batchMinutes;
    private final Instant end;
    private final boolean toppedUp;
    private Instant cursor;
    private long seq;
    private double battery;

    public CollarFirmware(String collarId, ActivityModel model, Scenario scenario, int batchMinutes, Instant start,
                          Instant end) {
        this(collarId, model, scenario, batchMinutes, start, end, false);
    }

    /**
     * @param toppedUp the owner charges the collar before its battery runs low (back to full at 20%), as for a collar
     *                 with weeks of history: otherwise a month of the usual drain would flatten it
     */
    public CollarFirmware(String collarId, ActivityModel model, Scenario scenario, int batchMinutes, Instant start,
                          Instant end, boolean toppedUp) {
        if (batchMinutes < 1 || batchMinutes > 24 * 60) {
            throw new IllegalArgumentException("batch minutes must be in 1..1440, was " + batchMinutes);
        }
        this.collarId = collarId;
        this.model = model;
        this.scenario = scenario;
        this.batchMinutes = batchMinutes;
        this.cursor = start;
        this.end = end;
        this.toppedUp = toppedUp;
        this.battery = 100 - (Math.abs(collarId.hashCode()) % 20);
    }

    /** The next batch in event time, or empty once the run's end is reached. */
    public Optional<TelemetryBatch> nextBatch() {
        if (!cursor.isBefore(end)) {
            return Optional.empty();
        }
        TelemetryBatch.Builder batch = TelemetryBatch.newBuilder().setCollarId(collarId).setSeq(++seq)
                .setFirmware(FIRMWARE);
        for (int i = 0; i < batchMinutes && cursor.isBefore(end); i++, cursor = cursor.plus(Duration.ofMinutes(1))) {
            int activity = model.activityAt(cursor, scenario.factor(collarId, cursor));
            batch.addSamples(Sample.newBuilder()
                    .setMinuteStartMs(cursor.toEpochMilli())
                    .setActivity(activity)
                    .setSteps(activity / 12)
                    .setWear(WearState.WORN)
                    .setSkinTempDc(0));
        }
        battery = Math.max(5, battery - 0.0025 * batchMinutes); // about 3.6 % a day
        battery = toppedUp && battery <= 20 ? 100 : battery;
        return Optional.of(batch.setBatteryPct((int) battery).build());
    }

    public String collarId() {
        return collarId;
    }

    public int batteryPct() {
        return (int) battery;
    }
}
