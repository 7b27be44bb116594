package io.petwatch.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.gateway.config.ConfigSource;
import io.petwatch.gateway.config.GatewayConfig;
import io.petwatch.gateway.mqtt.Topics;
import io.petwatch.gateway.outbox.MemoryOutbox;
import io.petwatch.gateway.status.GatewayStatus;
import io.petwatch.proto.v1.AlertBatchResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub broker restarts under a connected gateway and comes back holding thousands of batches for its session
 * (collars reconnect faster than the gateway). Re-subscribing on Paho's callback thread deadlocked here
 * (eclipse-paho/paho.mqtt.java#999): the gateway said "Reconnected" and then processed nothing. Now every batch
 * is processed, once, and the gateway ends subscribed.
 *
 * <p>QoS 1 is at least once: a batch processed but not yet acknowledged when the broker stops comes again after
 * the restart (a CI run saw 429 such). "Once" is therefore detection's count of accepted minutes, and every extra
 * delivery must have been recognised as a re-sent batch.
 */
class ReconnectWithBacklogIT {
    private static final int COLLARS = 20;
    private static final int HOURS_PER_COLLAR = 100; // 2,000 batches on each side of the restart

    @TempDir
    Path dir;

    @Test
    void aBacklogWaitingAtReconnectIsProcessedWholeAndTheGatewayResubscribes() throws Exception {
        try (TestBroker broker = TestBroker.start(dir, List.of("listener {port} 127.0.0.1", "allow_anonymous true",
                "persistence true", "persistence_location " + dir.toAbsolutePath() + "/",
                "max_queued_messages 100000", "max_inflight_messages 20"))) {
            String url = "tcp://127.0.0.1:" + broker.port();
            GatewayConfig config = GatewayConfig.from(ConfigSource.of(Map.of("petwatch.hub.id", "hub-backlog",
                    "petwatch.hub.token", "t", "petwatch.mqtt.url", url, "petwatch.zone", "UTC",
                    "petwatch.snapshot.dir", dir.resolve("state").toString(), "petwatch.status.port", "-1")));
            try (Gateway gateway = new Gateway(config, Clock.systemUTC(), new MemoryOutbox(),
                    batch -> AlertBatchResult.getDefaultInstance())) {
                gateway.start();
                Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(10));
                publish(url, start, 0, HOURS_PER_COLLAR);
                await().atMost(Duration.ofSeconds(60)).until(() -> minutesAccepted(gateway)
                        == 60L * COLLARS * HOURS_PER_COLLAR);

                broker.restart();
                publish(url, start, HOURS_PER_COLLAR, 2 * HOURS_PER_COLLAR); // before the gateway is back

                long batches = 2L * COLLARS * HOURS_PER_COLLAR;
                await().atMost(Duration.ofSeconds(90)).until(() -> minutesAccepted(gateway) >= 60 * batches
                        && gateway.status().subscribed() && gateway.status().queued() == 0);
                GatewayStatus status = gateway.status();
                assertEquals(60 * batches, status.detection().minutesAccepted(), "each batch's minutes taken once");
                assertEquals(batches + status.detection().duplicateBatches(), status.batchesDelivered(),
                        "every delivery beyond the batches published was recognised as a re-sent batch: " + status);
                assertEquals(0, status.detection().seqSkipped(), "none missing");
                assertTrue(status.watchdog().isEmpty());
            }
        }
    }

    private static long minutesAccepted(Gateway gateway) {
        return gateway.status().detection().minutesAccepted();
    }

    /** Hours {@code from} (inclusive) to {@code to} of every collar, as fast as the broker takes them. */
    private static void publish(String url, Instant start, int from, int to) throws Exception {
        MqttAsyncClient publisher = new MqttAsyncClient(url, "backlog-pub-" + System.nanoTime(), new MemoryPersistence());
        publisher.connect(new MqttConnectionOptions()).waitForCompletion();
        for (int hour = from; hour < to; hour++) {
            for (int c = 0; c < COLLARS; c++) {
                String collar = "backlog-" + c;
                MqttMessage message = new MqttMessage(TestBatches.hour(collar, hour + 1,
                        start.plus(Duration.ofHours(hour)), 80).toByteArray());
                message.setQos(1);
                while (true) {
                    try {
                        publisher.publish(Topics.telemetry(collar), message);
                        break;
                    } catch (MqttException e) {
                        if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                            throw e;
                        }
                        Thread.onSpinWait(); // the broker's receive maximum: wait for room
                    }
                }
            }
        }
        while (publisher.getPendingTokens().length > 0) {
            Thread.onSpinWait();
        }
        publisher.disconnect().waitForCompletion();
        publisher.close();
    }
}
