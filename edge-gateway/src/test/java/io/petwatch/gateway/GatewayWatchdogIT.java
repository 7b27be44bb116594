package io.petwatch.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.gateway.config.ConfigSource;
import io.petwatch.gateway.config.GatewayConfig;
import io.petwatch.gateway.mqtt.Topics;
import io.petwatch.gateway.outbox.MemoryOutbox;
import io.petwatch.gateway.outbox.Outbox;
import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.AlertBatchResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway that is alive but stuck (here: its disk stops answering while it raises an alert) is noticed by the
 * watchdog, which reports it in the status and asks the process to exit; the batches it had taken but not made
 * durable are not acknowledged, so a gateway started after it gets them again from the broker.
 */
class GatewayWatchdogIT {
    private static final String BROKER = System.getProperty("petwatch.it.mqtt.url", "tcp://127.0.0.1:1883");

    @TempDir
    Path dir;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final CountDownLatch disk = new CountDownLatch(1);
    private Gateway stuck;
    private Gateway next;

    /** An outbox whose disk hangs: add() blocks until the test lets it go. */
    private final class HangingOutbox implements Outbox {
        private final MemoryOutbox held = new MemoryOutbox();

        @Override
        public void add(Alert alert) {
            try {
                disk.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            held.add(alert);
        }

        @Override
        public List<Alert> peek(int max) {
            return held.peek(max);
        }

        @Override
        public void remove(Collection<String> alertIds) {
            held.remove(alertIds);
        }

        @Override
        public int size() {
            return held.size();
        }

        @Override
        public long dropped() {
            return held.dropped();
        }

        @Override
        public void deadLetter(String alertId, String reason) {
            held.deadLetter(alertId, reason);
        }

        @Override
        public long deadLetters() {
            return held.deadLetters();
        }

        @Override
        public Optional<String> lastDeadLetter() {
            return held.lastDeadLetter();
        }
    }

    private GatewayConfig config(String stallSeconds) {
        return GatewayConfig.from(ConfigSource.of(Map.of("petwatch.hub.id", "hub-wd", "petwatch.hub.token", "t",
                "petwatch.mqtt.url", BROKER, "petwatch.mqtt.client-id", "gateway-wd-" + run,
                "petwatch.zone", "UTC", "petwatch.snapshot.dir", dir.resolve("state").toString(),
                "petwatch.status.port", "0", "petwatch.watchdog.stall-s", stallSeconds)));
    }

    @AfterEach
    void tearDown() {
        disk.countDown();
        if (next != null) {
            next.close();
        }
    }

    @Test
    void aStuckGatewayIsReportedAndWhatItHadNotMadeDurableIsDeliveredAgain() throws Exception {
        List<String> reasons = new CopyOnWriteArrayList<>();
        CountDownLatch exited = new CountDownLatch(1);
        // As GatewayMain does: exit on a thread of its own, running the shutdown a stop would run.
        stuck = new Gateway(config("2"), Clock.systemUTC(), new HangingOutbox(),
                batch -> AlertBatchResult.getDefaultInstance(), reason -> {
                    reasons.add(reason);
                    new Thread(() -> {
                        stuck.close();
                        exited.countDown();
                    }).start();
                });
        stuck.start();
        String collarId = "wd-" + run;
        MqttClient collar = new MqttClient(BROKER, "collar-wd-" + run, new MemoryPersistence());
        collar.connect();
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
        MqttMessage flat = new MqttMessage(TestBatches.hour(collarId, 1, hour, 5).toByteArray()); // 5 %: BATTERY_LOW
        flat.setQos(1);
        collar.publish(Topics.telemetry(collarId), flat);

        await().atMost(Duration.ofSeconds(20)).until(() -> !reasons.isEmpty());

        assertTrue(reasons.get(0).startsWith("detection made no progress for"), reasons.toString());
        assertTrue(stuck.status().watchdog().isPresent());
        exited.await();
        collar.disconnect();
        collar.close();

        MemoryOutbox outbox = new MemoryOutbox();
        next = new Gateway(config("60"), Clock.systemUTC(), outbox, batch -> AlertBatchResult.getDefaultInstance());
        next.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> next.status().batchesDelivered() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> next.status().detection().alertsRaised() == 1);
        assertEquals(1, next.status().detection().collars());
    }
}
