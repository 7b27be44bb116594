package io.petwatch.gateway;

import io.petwatch.proto.v1.Sample;
import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.proto.v1.WearState;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/** Telemetry for broker-level tests, where only delivery matters, not what detection makes of it. */
final class TestBatches {
    private TestBatches() {
    }

    /** A worn hour from {@code start}, the collar reporting {@code batteryPct}. */
    static TelemetryBatch hour(String collarId, long seq, Instant start, int batteryPct) {
        TelemetryBatch.Builder batch = TelemetryBatch.newBuilder().setCollarId(collarId).setSeq(seq)
                .setBatteryPct(batteryPct).setFirmware("it");
        for (int m = 0; m < 60; m++) {
            batch.addSamples(Sample.newBuilder().setMinuteStartMs(start.plus(Duration.ofMinutes(m)).toEpochMilli())
                    .setActivity(12).setWear(WearState.WORN));
        }
        return batch.build();
    }

    /** One worn hour (from two hours ago) of modest activity for {@code collarId}, as a QoS 1 message. */
    static MqttMessage oneHour(String collarId) {
        long start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2)).toEpochMilli();
        TelemetryBatch.Builder batch = TelemetryBatch.newBuilder().setCollarId(collarId).setSeq(1);
        for (int m = 0; m < 60; m++) {
            batch.addSamples(Sample.newBuilder().setMinuteStartMs(start + m * 60_000L).setActivity(12)
                    .setWear(WearState.WORN));
        }
        MqttMessage message = new MqttMessage(batch.build().toByteArray());
        message.setQos(1);
        return message;
    }
}
