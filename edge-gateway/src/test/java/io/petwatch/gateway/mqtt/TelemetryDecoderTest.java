package io.petwatch.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.gateway.detect.Wear;
import io.petwatch.proto.v1.Sample;
import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.proto.v1.WearState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelemetryDecoderTest {
    private final TelemetryDecoder decoder = new TelemetryDecoder();

    private static TelemetryBatch.Builder batch(String collarId) {
        return TelemetryBatch.newBuilder().setCollarId(collarId).setSeq(7).setFirmware("2.1.0").setBatteryPct(64)
                .addSamples(Sample.newBuilder().setMinuteStartMs(1_700_000_040_000L).setActivity(42).setSteps(3)
                        .setWear(WearState.WORN).setSkinTempDc(-12))
                .addSamples(Sample.newBuilder().setMinuteStartMs(1_700_000_100_000L).setActivity(0)
                        .setWear(WearState.CHARGING));
    }

    @Test
    void decodesABatchWithEveryField() {
        Decoded decoded = decoder.decode(Topics.telemetry("c-1"), batch("c-1").build().toByteArray());

        var b = assertInstanceOf(Decoded.Batch.class, decoded).batch();
        assertEquals("c-1", b.collarId());
        assertEquals(7, b.seq());
        assertEquals("2.1.0", b.firmware());
        assertEquals(64, b.batteryPct());
        assertEquals(2, b.samples().size());
        assertEquals(42, b.samples().get(0).activity());
        assertEquals(Wear.WORN, b.samples().get(0).wear());
        assertEquals(Wear.CHARGING, b.samples().get(1).wear());
    }

    @Test
    void rejectsBytesThatAreNotProtobuf() {
        Decoded decoded = decoder.decode(Topics.telemetry("c-1"), "{\"activity\": 3}".getBytes(StandardCharsets.UTF_8));

        assertTrue(assertInstanceOf(Decoded.Malformed.class, decoded).detail().contains("not a TelemetryBatch"));
        assertEquals("not-protobuf", ((Decoded.Malformed) decoded).reason());
    }

    @Test
    void rejectsABatchPublishedOnAnotherCollarsTopic() {
        Decoded decoded = decoder.decode(Topics.telemetry("c-2"), batch("c-1").build().toByteArray());

        assertTrue(assertInstanceOf(Decoded.Malformed.class, decoded).detail().contains("does not match"));
    }

    @Test
    void rejectsAnOversizedBatch() {
        TelemetryBatch.Builder big = TelemetryBatch.newBuilder().setCollarId("c-1");
        for (int i = 0; i <= TelemetryDecoder.MAX_SAMPLES; i++) {
            big.addSamples(Sample.newBuilder().setMinuteStartMs(i * 60_000L));
        }

        assertInstanceOf(Decoded.Malformed.class, decoder.decode(Topics.telemetry("c-1"), big.build().toByteArray()));
    }

    @Test
    void readsTheCollarIdFromTopics() {
        assertEquals("abc", Topics.collarId("petwatch/v1/collars/abc/telemetry").orElseThrow());
        assertTrue(Topics.collarId("other/topic").isEmpty());
        assertTrue(Topics.collarId("petwatch/v1/collars//telemetry").isEmpty());
    }

    @Test
    void countsEveryDroppedPayloadByReasonAndLogsAtABoundedRate() {
        List<String> logged = new ArrayList<>();
        MalformedInputLog log = new MalformedInputLog(logged::add);

        for (int i = 0; i < 2500; i++) {
            log.record(new Decoded.Malformed("not-protobuf", "garbage " + i));
        }
        log.record(new Decoded.Malformed("oversized", "big"));

        assertEquals(2501, log.count());
        assertEquals(Map.of("not-protobuf", 2500L, "oversized", 1L), log.byReason());
        assertEquals(4, logged.size(), "first of each reason, then one line per thousand: " + logged);
        assertTrue(logged.get(0).contains("garbage 0"), logged.get(0));
    }

    @Test
    void rejectsAbsurdValuesWithTheirReason() {
        TelemetryBatch huge = batch("c-1").setSamples(0, Sample.newBuilder().setMinuteStartMs(1_700_000_040_000L)
                .setActivity(-5)).build(); // uint32 4294967291
        TelemetryBatch ancient = batch("c-1").setSamples(0, Sample.newBuilder().setMinuteStartMs(12_000L)).build();
        TelemetryBatch future = batch("c-1").setSamples(0, Sample.newBuilder().setMinuteStartMs(9_000_000_000_000L))
                .build();

        assertEquals("absurd-count", malformed(huge).reason());
        assertEquals("absurd-timestamp", malformed(ancient).reason());
        assertEquals("absurd-timestamp", malformed(future).reason());
        assertEquals("oversized", assertInstanceOf(Decoded.Malformed.class,
                decoder.decode(Topics.telemetry("c-1"), new byte[70_000])).reason());
    }

    private Decoded.Malformed malformed(TelemetryBatch batch) {
        return assertInstanceOf(Decoded.Malformed.class, decoder.decode(Topics.telemetry("c-1"), batch.toByteArray()));
    }

    @Test
    void aCollarIdThatIsNotPlainIsDroppedWithItsReason() {
        for (String id : List.of("bad id", "-leading-dash", "x".repeat(65), "nul\u0000id", "ünï")) {
            TelemetryBatch batch = batch(id).build();

            assertEquals("bad-collar-id", assertInstanceOf(Decoded.Malformed.class,
                    decoder.decode(Topics.telemetry(id), batch.toByteArray())).reason(), id);
        }
    }

    @Test
    void firmwareTextIsCleanedAtTheEdge() {
        TelemetryBatch poison = batch("c-1").setFirmware("fw-1.2\u0000evil\u202E\n" + "9".repeat(100)).build();

        var b = assertInstanceOf(Decoded.Batch.class, decoder.decode(Topics.telemetry("c-1"), poison.toByteArray()))
                .batch();

        assertEquals("fw-1.2evil" + "9".repeat(54), b.firmware(), "no control or format characters, 64 at most");
    }
}
