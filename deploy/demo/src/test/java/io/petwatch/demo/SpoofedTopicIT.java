package io.petwatch.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.petwatch.gateway.Gateway;
import io.petwatch.gateway.config.ConfigSource;
import io.petwatch.gateway.config.GatewayConfig;
import io.petwatch.proto.v1.Sample;
import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.proto.v1.WearState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;

/**
 * A rogue device on the shared broker publishes batches naming one collar on another collar's topic, in the middle
 * of the fleet's fortnight: every one is dropped and counted as a topic mismatch, and the real collector ends with
 * exactly the sick pets' alerts, once each.
 */
class SpoofedTopicIT {
    private static final int ROGUE_BATCHES = 48;

    @Test
    void batchesOnAnotherCollarsTopicAreDroppedAndCountedAndTheRealAlertsArriveOnce() throws Exception {
        try (EndToEnd run = EndToEnd.create("spoofed");
             CollarFleet fleet = new CollarFleet(6, 14, 2, Duration.ofHours(96))) {
            CollectorApi api = run.startCollector();
            GatewayConfig config = GatewayConfig.from(ConfigSource.of(run.gatewaySettings(EndToEnd.BROKER, "spoof")));
            try (Gateway gateway = new Gateway(config, Clock.systemUTC())) {
                gateway.start();
                fleet.connect(EndToEnd.BROKER);
                fleet.publishRounds(24 * 9);
                whenARogueClaimsToBeAHealthyCollarOnAnothersTopic();
                fleet.publishRest();

                await().atMost(Duration.ofSeconds(60)).until(() -> gateway.status().droppedByReason()
                        .getOrDefault("topic-mismatch", 0L) == ROGUE_BATCHES);
                await().atMost(Duration.ofSeconds(60)).until(() -> gateway.status().batchesDelivered() == fleet.published());
                await().atMost(Duration.ofSeconds(30)).until(() -> gateway.status().pendingAlerts() == 0
                        && gateway.status().detection().alertsRaised() >= fleet.sickCollars().size());
                assertEquals(fleet.sickCollars().size(), gateway.status().detection().alertsRaised());
            }
            BrokerRestartIT.assertEachSickPetAlertedOnce(api, fleet);
        }
    }

    /** Two days of near-zero activity claiming to be collar-006, sent on collar-005's topic: a faked lethargy. */
    private static void whenARogueClaimsToBeAHealthyCollarOnAnothersTopic() throws Exception {
        MqttClient rogue = new MqttClient(EndToEnd.BROKER, "rogue-" + System.nanoTime(), new MemoryPersistence());
        rogue.connect();
        try {
            long start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(4)).toEpochMilli();
            for (int b = 0; b < ROGUE_BATCHES; b++) {
                TelemetryBatch.Builder batch = TelemetryBatch.newBuilder().setCollarId("collar-006").setSeq(b + 1);
                for (int m = 0; m < 60; m++) {
                    batch.addSamples(Sample.newBuilder().setMinuteStartMs(start + (b * 60L + m) * 60_000L)
                            .setActivity(0).setWear(WearState.WORN));
                }
                MqttMessage message = new MqttMessage(batch.build().toByteArray());
                message.setQos(1);
                publish(rogue, "petwatch/v1/collars/collar-005/telemetry", message);
            }
        } finally {
            rogue.disconnect();
            rogue.close();
        }
    }

    /**
     * Paho v5's synchronous publish can still count the previous, acknowledged publish as in flight and refuse the
     * next with "Too many publishes in progress" (32202; eclipse-paho/paho.mqtt.java#993). Nothing was sent then, so
     * the publish is simply tried again.
     */
    private static void publish(MqttClient client, String topic, MqttMessage message) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .ignoreExceptionsMatching(e -> e instanceof MqttException m
                        && m.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT)
                .until(() -> {
                    client.publish(topic, message);
                    return true;
                });
    }
}
