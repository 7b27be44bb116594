package io.petwatch.sim.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.petwatch.proto.v1.CollarStatus;
import io.petwatch.proto.v1.TelemetryBatch;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * One collar's MQTT 5 connection, as the firmware holds it: a retained ONLINE status on connect and a will that
 * publishes OFFLINE if the collar drops off without saying goodbye.
 */
public final class CollarConnection implements AutoCloseable {
    private final String collarId;
    private final Mqtt5AsyncClient client;

    public CollarConnection(URI broker, String collarId, String firmware, int batteryPct) {
        this.collarId = collarId;
        this.client = MqttClient.builder()
                .useMqttVersion5()
                .identifier("collar-sim-" + collarId)
                .serverHost(broker.getHost())
                .serverPort(broker.getPort())
                .willPublish()
                    .topic(statusTopic(collarId))
                    .payload(status(CollarStatus.Connectivity.OFFLINE, firmware, batteryPct).toByteArray())
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .retain(true)
                    .applyWillPublish()
                .buildAsync();
    }

    public static String telemetryTopic(String collarId) {
        return "petwatch/v1/collars/" + collarId + "/telemetry";
    }

    public static String statusTopic(String collarId) {
        return "petwatch/v1/collars/" + collarId + "/status";
    }

    private CollarStatus status(CollarStatus.Connectivity connectivity, String firmware, int batteryPct) {
        return CollarStatus.newBuilder().setCollarId(collarId).setConnectivity(connectivity).setFirmware(firmware)
                .setBatteryPct(batteryPct).setAtMs(System.currentTimeMillis()).build();
    }

    public void connect(String firmware, int batteryPct) {
        client.connectWith().cleanStart(true).keepAlive(30).send().join();
        publishStatus(CollarStatus.Connectivity.ONLINE, firmware, batteryPct).join();
    }

    /** Publishes a batch at QoS 1; the future completes when the broker has acknowledged it. */
    public CompletableFuture<Mqtt5PublishResult> publish(TelemetryBatch batch) {
        return client.publishWith().topic(telemetryTopic(collarId)).qos(MqttQos.AT_LEAST_ONCE)
                .payload(batch.toByteArray()).send();
    }

    /** Publishes raw bytes on the collar's telemetry topic, for tests of bad firmware. */
    public CompletableFuture<Mqtt5PublishResult> publishRaw(byte[] payload) {
        return client.publishWith().topic(telemetryTopic(collarId)).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send();
    }

    public CompletableFuture<Mqtt5PublishResult> publishStatus(CollarStatus.Connectivity connectivity, String firmware,
                                                               int batteryPct) {
        return client.publishWith().topic(statusTopic(collarId)).qos(MqttQos.AT_LEAST_ONCE).retain(true)
                .payload(status(connectivity, firmware, batteryPct).toByteArray()).send();
    }

    @Override
    public void close() {
        if (client.getState().isConnected()) { // a dropped connection (broker gone) has nothing to say goodbye on
            client.disconnect().join();
        }
    }
}
