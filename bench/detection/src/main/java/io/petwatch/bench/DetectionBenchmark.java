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
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * All detectors together, through the public engine, one 60-sample batch per operation (so the score is per
 * sample). The batches are made before measuring: several collars' days of minutes in a household zone with
 * daylight saving, fed in event-time order; the engine starts over when they run out.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DetectionBenchmark {
    static final int SAMPLES_PER_BATCH = 60;
    private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

    @Param({"8"})
    int collars;

    @Param({"60"})
    int days;

    private List<CollarBatch> batches;
    private DetectionEngine engine;
    private int next;

    @Setup(Level.Trial)
    public void makeData() {
        batches = new ArrayList<>(collars * days * 24);
        SplittableRandom random = new SplittableRandom(42);
        for (int hour = 0; hour < days * 24; hour++) {
            for (int c = 0; c < collars; c++) {
                List<MinuteSample> minutes = new ArrayList<>(SAMPLES_PER_BATCH);
                for (int m = 0; m < SAMPLES_PER_BATCH; m++) {
                    long ms = START.toEpochMilli() + (hour * 60L + m) * 60_000L;
                    int localHour = Instant.ofEpochMilli(ms).atZone(ZONE).getHour();
                    double mean = localHour < 6 || localHour >= 22 ? 3 : localHour == 7 || localHour == 18 ? 150 : 40;
                    minutes.add(new MinuteSample(ms, (int) (mean * 2 * random.nextDouble()), 0, Wear.WORN));
                }
                batches.add(new CollarBatch("collar-" + c, hour + 1, "bench", 80, false, minutes));
            }
        }
        freshEngine();
    }

    private void freshEngine() {
        Instant end = START.plusSeconds(days * 86_400L);
        engine = new DetectionEngine("hub-bench", ZONE, id -> DetectorParams.defaults(), Clock.fixed(end, ZoneOffset.UTC));
        next = 0;
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES_PER_BATCH)
    public int ingest() {
        if (next == batches.size()) {
            freshEngine();
        }
        return engine.ingest(batches.get(next++)).size();
    }
}
