package io.petwatch.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.petwatch.gateway.detect.CollarBatch;
import io.petwatch.gateway.detect.MinuteSample;
import io.petwatch.gateway.detect.PetTimeline;
import io.petwatch.gateway.mqtt.Topics;
import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.AlertBatch;
import io.petwatch.proto.v1.AlertBatchResult;
import io.petwatch.proto.v1.AlertResult;
import io.petwatch.proto.v1.Sample;
import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.proto.v1.WearState;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway as its own process on the real Mosquitto, killed with SIGKILL before a pet falls ill and restarted
 * while the collars go on publishing: its persistent session, snapshots and outbox carry it through, and the
 * collector ends with the one expected alert, once.
 */
class GatewayRestartIT {
    private static final String BROKER = System.getProperty("petwatch.it.mqtt.url", "tcp://127.0.0.1:1883");
    private static final Duration DAY = Duration.ofDays(1);

    @TempDir
    Path dir;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Map<String, Alert> collector = new ConcurrentHashMap<>();
    private HttpServer fakeCollector;
    private Process gateway;
    private int statusPort;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (gateway != null) {
            gateway.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (fakeCollector != null) {
            fakeCollector.stop(0);
        }
    }

    /** Answers like the collector: every alert id is accepted once and a duplicate afterwards. */
    private int startFakeCollector() throws IOException {
        fakeCollector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fakeCollector.createContext("/api/v1/alerts", exchange -> {
            AlertBatch batch = AlertBatch.parseFrom(exchange.getRequestBody().readAllBytes());
            AlertBatchResult.Builder result = AlertBatchResult.newBuilder();
            for (Alert a : batch.getAlertsList()) {
                received.add(a.getAlertId());
                boolean fresh = collector.putIfAbsent(a.getAlertId(), a) == null;
                result.addResults(AlertResult.newBuilder().setAlertId(a.getAlertId())
                        .setOutcome(fresh ? AlertResult.Outcome.ACCEPTED : AlertResult.Outcome.DUPLICATE));
            }
            byte[] body = result.build().toByteArray();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        fakeCollector.start();
        return fakeCollector.getAddress().getPort();
    }

    private void startGateway(int collectorPort) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target/petwatch-edge-gateway.jar").toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("gw.log").toFile()));
        pb.environment().putAll(Map.of("PETWATCH_HUB_ID", "hub-restart", "PETWATCH_HUB_TOKEN", "t",
                "PETWATCH_MQTT_URL", BROKER, "PETWATCH_MQTT_CLIENT_ID", "restart-it-" + run,
                "PETWATCH_MQTT_SESSION_EXPIRY_S", "600", "PETWATCH_COLLECTOR_URL", "http://127.0.0.1:" + collectorPort,
                "PETWATCH_OUTBOX_DIR", dir.resolve("outbox").toString(), "PETWATCH_SNAPSHOT_DIR",
                dir.resolve("snapshots").toString(), "PETWATCH_STATUS_PORT", Integer.toString(statusPort),
                "PETWATCH_STATS_INTERVAL_S", "1"));
        pb.environment().put("PETWATCH_ZONE", "UTC");
        pb.environment().put("PETWATCH_UPLINK_MIN_BACKOFF_MS", "100");
        gateway = pb.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> status().contains("\"mqtt_connected\":true"));
    }

    private String status() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statusPort
                    + "/status")).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private long batchesSeen() {
        String s = status();
        int at = s.indexOf("\"batches\":");
        return at < 0 ? -1 : Long.parseLong(s.substring(at + 10, s.indexOf(',', at)));
    }

    /** Publishes at QoS 1, waiting while the client's window of unacknowledged publishes is full. */
    private static void publish(MqttClient client, String collarId, CollarBatch batch) throws Exception {
        while (true) {
            try {
                client.publish(Topics.telemetry(collarId), wire(collarId, batch));
                return;
            } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
                if (e.getReasonCode() != org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                    throw e;
                }
                Thread.sleep(1);
            }
        }
    }

    private static MqttMessage wire(String collarId, CollarBatch batch) {
        TelemetryBatch.Builder proto = TelemetryBatch.newBuilder().setCollarId(collarId).setSeq(batch.seq())
                .setBatteryPct(80);
        for (MinuteSample m : batch.samples()) {
            proto.addSamples(Sample.newBuilder().setMinuteStartMs(m.minuteStartMs()).setActivity(m.activity())
                    .setWear(WearState.WORN));
        }
        MqttMessage message = new MqttMessage(proto.build().toByteArray());
        message.setQos(1);
        return message;
    }

    @Test
    void aGatewayKilledAndRestartedMidStreamStillAlertsOnceAndOnlyForTheSickPet() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            statusPort = s.getLocalPort();
        }
        int collectorPort = startFakeCollector();
        String rexId = "rex-" + run;
        String bellaId = "bella-" + run;
        List<CollarBatch> rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(10))
                .lethargicFor(Duration.ofHours(72), 0.3).batches(60);
        List<CollarBatch> bella = PetTimeline.pet("bella").healthyFor(DAY.multipliedBy(13)).batches(60);
        MqttClient collars = new MqttClient(BROKER, "collars-" + run, new MemoryPersistence());
        collars.connect();
        try {
            startGateway(collectorPort);
            for (int i = 0; i < 200; i++) { // eight healthy days, heard live
                publish(collars, rexId, rex.get(i));
                publish(collars, bellaId, bella.get(i));
                int published = 2 * (i + 1);
                if (published % 100 == 0) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> batchesSeen() >= published);
                }
            }
            Thread.sleep(1500); // at least one snapshot interval has passed
            gateway.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no goodbye, no final snapshot

            for (int i = 200; i < 280; i++) { // the broker keeps these for the gateway's session
                publish(collars, rexId, rex.get(i));
                publish(collars, bellaId, bella.get(i));
            }
            startGateway(collectorPort);
            for (int i = 280; i < rex.size(); i++) {
                publish(collars, rexId, rex.get(i));
                publish(collars, bellaId, bella.get(i));
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> collector.values().stream()
                    .anyMatch(a -> a.getCollarId().equals(rexId)));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> status().contains("\"outbox_depth\":0"));
        } finally {
            collars.disconnect();
            collars.close();
        }

        List<Alert> alerts = new ArrayList<>(collector.values());
        assertEquals(1, alerts.size(), () -> "alerts: " + alerts.stream().map(a -> a.getCollarId() + " "
                + a.getKind() + " " + a.getState()).toList());
        assertEquals(rexId, alerts.get(0).getCollarId());
        assertEquals("LOW_ACTIVITY", alerts.get(0).getKind().name());
        assertTrue(status().contains("\"" + rexId + "\":{\"baseline\":\"ready\""),
                "the learning survived the kill: " + status());
    }
}
