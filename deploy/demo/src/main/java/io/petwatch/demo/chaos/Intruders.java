package io.petwatch.demo.chaos;

import io.petwatch.proto.v1.Sample;
import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.proto.v1.WearState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * The bad collars a hub meets, each logged in to the hub broker with its own account as the ACL requires: a poison
 * collar (the issue's: firmware {@code "fw-1.2\0evil"} at 10% battery, so it raises BATTERY_LOW with that string),
 * and a burst of junk collars, each sending a payload that is not a batch and then a well-formed batch, one of them
 * at 5% battery (an alert for a collar the collector does not know).
 */
final class Intruders {
    static final String POISON_FIRMWARE = "fw-1.2\u0000evil";
    static final String FLAT_JUNK = "junk-flat";

    private final String poisonCollar;
    private final int junkCollars;

    Intruders(String poisonCollar, int junkCollars) {
        this.poisonCollar = poisonCollar;
        this.junkCollars = junkCollars;
    }

    /** Their broker accounts: username (the collar id) to password. */
    Map<String, String> accounts() {
        Map<String, String> accounts = new LinkedHashMap<>();
        accounts.put(poisonCollar, password(poisonCollar));
        accounts.put(FLAT_JUNK, password(FLAT_JUNK));
        for (int i = 0; i < junkCollars; i++) {
            accounts.put(junkId(i), password(junkId(i)));
        }
        return accounts;
    }

    static String password(String collarId) {
        return "pw-" + collarId;
    }

    private static String junkId(int i) {
        return String.format("junk-%03d", i);
    }

    void poison(String brokerUrl) throws MqttException {
        publish(brokerUrl, poisonCollar, batch(poisonCollar, 1, 10, POISON_FIRMWARE).toByteArray());
    }

    /** Returns how many junk collars were sent. */
    int junk(String brokerUrl) throws MqttException {
        publish(brokerUrl, FLAT_JUNK, batch(FLAT_JUNK, 1, 5, "junk").toByteArray());
        for (int i = 0; i < junkCollars; i++) {
            String id = junkId(i);
            publish(brokerUrl, id, ("garbage from " + id).getBytes(StandardCharsets.UTF_8));
            publish(brokerUrl, id, batch(id, 1, 80, "junk").toByteArray());
        }
        return junkCollars + 1;
    }

    /** An hour of worn minutes ending an hour ago on the hub clock. */
    private static TelemetryBatch batch(String collarId, long seq, int batteryPct, String firmware) {
        Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
        TelemetryBatch.Builder batch = TelemetryBatch.newBuilder().setCollarId(collarId).setSeq(seq)
                .setFirmware(firmware).setBatteryPct(batteryPct);
        for (int m = 0; m < 60; m++) {
            batch.addSamples(Sample.newBuilder().setMinuteStartMs(from.plus(Duration.ofMinutes(m)).toEpochMilli())
                    .setActivity(15 + m % 7).setWear(WearState.WORN));
        }
        return batch.build();
    }

    private static void publish(String brokerUrl, String collarId, byte[] payload) throws MqttException {
        MqttClient client = new MqttClient(brokerUrl, "intruder-" + collarId, new MemoryPersistence());
        try {
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setUserName(collarId);
            options.setPassword(password(collarId).getBytes(StandardCharsets.UTF_8));
            client.connect(options);
            MqttMessage message = new MqttMessage(payload);
            message.setQos(1);
            client.publish("petwatch/v1/collars/" + collarId + "/telemetry", message);
            client.disconnect();
        } finally {
            client.close();
        }
    }
}
