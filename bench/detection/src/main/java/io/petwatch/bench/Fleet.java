package io.petwatch.bench;

import io.petwatch.proto.v1.Sample;
import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.proto.v1.WearState;
import java.util.SplittableRandom;

/** Deterministic telemetry for the hub benches: collars with a daily rhythm, batches of N minutes in event time. */
final class Fleet {
    static final long START = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private final int collars;
    private final int samplesPerBatch;
    private final SplittableRandom random = new SplittableRandom(11);

    Fleet(int collars) {
        this(collars, 60);
    }

    Fleet(int collars, int samplesPerBatch) {
        if (samplesPerBatch < 1 || samplesPerBatch > 1440) {
            throw new IllegalArgumentException("samples per batch must be in 1..1440, was " + samplesPerBatch);
        }
        this.collars = collars;
        this.samplesPerBatch = samplesPerBatch;
    }

    int samplesPerBatch() {
        return samplesPerBatch;
    }

    int collars() {
        return collars;
    }

    static String collarId(int c) {
        return String.format("bench-%03d", c);
    }

    /** The {@code n}th batch collar {@code c} sends: minutes n*N to (n+1)*N - 1 of the run. */
    byte[] batch(int c, int n) {
        TelemetryBatch.Builder b = TelemetryBatch.newBuilder().setCollarId(collarId(c)).setSeq(n + 1L)
                .setFirmware("bench").setBatteryPct(80);
        for (int i = 0; i < samplesPerBatch; i++) {
            long minute = (long) n * samplesPerBatch + i;
            long hourOfDay = minute / 60 % 24;
            double mean = hourOfDay < 6 || hourOfDay >= 22 ? 3 : hourOfDay == 7 || hourOfDay == 18 ? 150 : 40;
            b.addSamples(Sample.newBuilder().setMinuteStartMs(START + minute * 60_000L)
                    .setActivity((int) (mean * 2 * random.nextDouble())).setWear(WearState.WORN));
        }
        return b.build().toByteArray();
    }

    static String topic(int c) {
        return "petwatch/v1/collars/" + collarId(c) + "/telemetry";
    }
}
