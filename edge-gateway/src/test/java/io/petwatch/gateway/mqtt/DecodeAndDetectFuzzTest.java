package io.petwatch.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.gateway.detect.DetectionEngine;
import io.petwatch.gateway.detect.DetectorParams;
import io.petwatch.proto.v1.Sample;
import io.petwatch.proto.v1.TelemetryBatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * 100,000 random and mutated payloads through decoding, admission and detection: nothing escapes as an
 * exception, every payload is either detected on or dropped with a reason, and state stays bounded.
 */
class DecodeAndDetectFuzzTest {
    private static final int PAYLOADS = 100_000;
    private static final int MAX_COLLARS = 50;
    private static final long NOW = Instant.parse("2026-06-01T00:00:00Z").toEpochMilli();

    private final SplittableRandom random = new SplittableRandom(2026);

    private byte[] validBatch(String collarId) {
        TelemetryBatch.Builder batch = TelemetryBatch.newBuilder().setCollarId(collarId).setSeq(random.nextInt(1000))
                .setBatteryPct(random.nextInt(101));
        long start = NOW - random.nextInt(30 * 24 * 60) * 60_000L;
        for (int m = 0; m < 60; m++) {
            batch.addSamples(Sample.newBuilder().setMinuteStartMs(start + m * 60_000L).setActivity(random.nextInt(300))
                    .setWearValue(random.nextInt(4)));
        }
        return batch.build().toByteArray();
    }

    private byte[] extremeBatch(String collarId) {
        TelemetryBatch.Builder batch = TelemetryBatch.newBuilder().setCollarId(collarId).setSeq(random.nextLong())
                .setBatteryPct(random.nextInt()).setCharging(random.nextBoolean());
        int n = random.nextInt(1600);
        for (int m = 0; m < n; m++) {
            batch.addSamples(Sample.newBuilder()
                    .setMinuteStartMs(random.nextBoolean() ? random.nextLong() : NOW + random.nextInt() * 1000L)
                    .setActivity(random.nextInt()).setSteps(random.nextInt()).setWearValue(random.nextInt(-3, 9))
                    .setSkinTempDc(random.nextInt()));
        }
        return batch.build().toByteArray();
    }

    private byte[] payload(String collarId) {
        switch (random.nextInt(4)) {
            case 0 -> {
                byte[] junk = new byte[random.nextInt(512)];
                random.nextBytes(junk);
                return junk;
            }
            case 1 -> {
                byte[] bytes = validBatch(collarId);
                for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
                    int bit = random.nextInt(bytes.length * 8);
                    bytes[bit / 8] ^= (byte) (1 << (bit % 8));
                }
                return bytes;
            }
            case 2 -> {
                byte[] bytes = validBatch(collarId);
                return Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
            }
            default -> {
                return extremeBatch(collarId);
            }
        }
    }

    @Test
    void randomAndMutatedPayloadsNeverCrashAndNeverGrowStateUnbounded() {
        DetectionEngine engine = new DetectionEngine("hub-fuzz", ZoneId.of("Europe/Paris"),
                id -> DetectorParams.defaults(), Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
        MalformedInputLog log = new MalformedInputLog(m -> { });
        TelemetryPipeline pipeline = new TelemetryPipeline(new CollarAdmission(List.of(), MAX_COLLARS,
                Duration.ofDays(7)), log);
        for (int c = 0; c < 40; c++) { // the hub's own collars, known before the storm
            String collar = "fuzz-" + c;
            pipeline.accept(Topics.telemetry(collar), validBatch(collar), NOW).ifPresent(a -> engine.ingest(a.batch()));
        }
        int accepted = 0;
        for (int i = 0; i < PAYLOADS; i++) {
            // Mostly the hub's own 40 collars, sometimes one of thousands of strangers (more than it tracks).
            String collar = random.nextInt(10) == 0 ? "stranger-" + random.nextInt(5000) : "fuzz-" + random.nextInt(40);
            String topic = random.nextInt(20) == 0 ? "petwatch/v1/collars/other-" + i + "/telemetry"
                    : Topics.telemetry(collar);
            var admitted = pipeline.accept(topic, payload(collar), NOW + i * 1000L);
            admitted.ifPresent(a -> engine.ingest(a.batch()));
            accepted += admitted.isPresent() ? 1 : 0;
            if (i % 1000 == 0) {
                engine.tick(NOW + i * 60_000L);
            }
        }

        assertEquals(PAYLOADS, accepted + log.count(), "every payload detected on or dropped with a reason");
        assertTrue(accepted > 1000, "some payloads were good: " + accepted);
        assertTrue(engine.stats().collars() <= MAX_COLLARS, "collars tracked: " + engine.stats().collars());
        for (int c = 0; c < 40; c++) {
            assertTrue(engine.tracks("fuzz-" + c), "junk never displaces a known collar: fuzz-" + c);
        }
        assertTrue(log.byReason().keySet().containsAll(List.of("not-protobuf", "topic-mismatch", "absurd-timestamp",
                "too-many-collars")), "reasons seen: " + log.byReason());
    }
}
