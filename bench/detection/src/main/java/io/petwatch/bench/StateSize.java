package io.petwatch.bench;

import io.petwatch.gateway.detect.CollarBatch;
import io.petwatch.gateway.detect.DetectionEngine;
import io.petwatch.gateway.detect.DetectorParams;
import io.petwatch.gateway.detect.MinuteSample;
import io.petwatch.gateway.detect.Wear;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.openjdk.jol.info.GraphLayout;

/**
 * Measures detection state per collar with JOL: an engine fed 40 days for N collars (full history rings), its
 * whole object graph divided by N. Run: java -cp bench/detection/target/detection-benchmarks.jar
 * io.petwatch.bench.StateSize [collars]
 */
public final class StateSize {
    private StateSize() {
    }

    public static void main(String[] args) {
        int collars = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        Instant start = Instant.parse("2026-01-05T00:00:00Z");
        int days = 40;
        DetectionEngine engine = new DetectionEngine("hub", ZoneId.of("Europe/Paris"), id -> DetectorParams.defaults(),
                Clock.fixed(start.plusSeconds(days * 86_400L), ZoneOffset.UTC));
        SplittableRandom random = new SplittableRandom(1);
        for (int hour = 0; hour < days * 24; hour++) {
            for (int c = 0; c < collars; c++) {
                List<MinuteSample> minutes = new ArrayList<>(60);
                for (int m = 0; m < 60; m++) {
                    minutes.add(new MinuteSample(start.toEpochMilli() + (hour * 60L + m) * 60_000L,
                            random.nextInt(80), 0, Wear.WORN));
                }
                engine.ingest(new CollarBatch(String.format("collar-%04d", c), hour + 1, "x", 80, false, minutes));
            }
        }
        long total = GraphLayout.parseInstance(engine).totalSize();
        // The report is this tool's output.
        System.out.printf("collars=%d days=%d engine graph=%d bytes, per collar=%d bytes%n", collars, days, total,
                total / collars);
    }
}
