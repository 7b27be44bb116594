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

        assertTrue(assertInstanceOf(Decoded.Malformed.class, decoded).reason().contains("not a TelemetryBatch"));
    }

    @Test
    void rejectsABatchPublishedOnAnotherCollarsTopic() {
        Decoded decoded = decoder.decode(Topics.telemetry("c-2"), batch("c-1").build().toByteArray());

        assertTrue(assertInstanceOf(Decoded.Malformed.class, decoded).reason().contains("does not match"));
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
    void countsEveryMalformedPayloadButLogsOnlyTheFirst() {
        List<String> logged = new ArrayList<>();
        MalformedInputLog log = new MalformedInputLog(logged::add);

        log.record("first");
        log.record("second");
        log.record("third");

        assertEquals(3, log.count());
        assertEquals(1, logged.size());
        assertTrue(logged.get(0).contains("first"), logged.get(0));
    }
}
