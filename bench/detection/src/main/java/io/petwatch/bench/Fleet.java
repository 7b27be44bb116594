package io.petwatch.bench;

import io.petwatch.proto.v1.Sample;
import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.proto.v1.WearState;
import java.util.SplittableRandom;

/** Deterministic telemetry for the hub benches: collars with a daily rhythm, 60-sample batches in event time. */
final class Fleet {
    static final long START = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private final int collars;
    private final SplittableRandom random = new SplittableRandom(11);

    Fleet(int collars) {
        this.collars = collars;
    }

    int collars() {
        return collars;
    }

    static String collarId(int c) {
        return String.format("bench-%03d", c);
    }

    /** The batch collar {@code c} sends for event-time hour {@code hour} of the run. */
    byte[] batch(int c, int hour) {
        TelemetryBatch.Builder b = TelemetryBatch.newBuilder().setCollarId(collarId(c)).setSeq(hour + 1L)
                .setFirmware("bench").setBatteryPct(80);
        int hourOfDay = hour % 24;
        double mean = hourOfDay < 6 || hourOfDay >= 22 ? 3 : hourOfDay == 7 || hourOfDay == 18 ? 150 : 40;
        for (int m = 0; m < 60; m++) {
            b.addSamples(Sample.newBuilder().setMinuteStartMs(START + (hour * 60L + m) * 60_000L)
                    .setActivity((int) (mean * 2 * random.nextDouble())).setWear(WearState.WORN));
        }
        return b.build().toByteArray();
    }

    static String topic(int c) {
        return "petwatch/v1/collars/" + collarId(c) + "/telemetry";
    }
}
