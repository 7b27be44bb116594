package io.petwatch.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.gateway.config.ConfigSource;
import io.petwatch.gateway.config.GatewayConfig;
import io.petwatch.gateway.mqtt.Topics;
import io.petwatch.gateway.outbox.MemoryOutbox;
import io.petwatch.gateway.uplink.UplinkException;
import io.petwatch.proto.v1.AlertBatchResult;
import io.petwatch.proto.v1.HubCensus;
import io.petwatch.proto.v1.Sample;
import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.proto.v1.WearState;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway on this machine's real Mosquitto (127.0.0.1:1883): it fails, never skips, if the broker is down. */
class GatewayMqttIT {
    private static final String BROKER = System.getProperty("petwatch.it.mqtt.url", "tcp://127.0.0.1:1883");

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private Gateway gateway;
    /** The censuses the gateway sent (the first few of them fail, when a test says so). */
    private final List<HubCensus> censuses = new CopyOnWriteArrayList<>();
    private final AtomicInteger censusFailures = new AtomicInteger();
    private MqttClient collar;

    @BeforeEach
    void givenAGatewayAndACollarOnTheBroker() throws Exception {
        GatewayConfig config = GatewayConfig.from(ConfigSource.of(Map.of(
                "petwatch.hub.id", "hub-it", "petwatch.hub.token", "t", "petwatch.mqtt.url", BROKER,
                "petwatch.mqtt.client-id", "gateway-it-" + run, "petwatch.mqtt.session-expiry-s", "0",
                "petwatch.zone", "UTC", "petwatch.snapshot.dir", "none", "petwatch.status.port", "0")));
        gateway = new Gateway(config, Clock.systemUTC(), new MemoryOutbox(),
                batch -> AlertBatchResult.getDefaultInstance(), census -> {
                    if (censusFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw new UplinkException(UplinkException.Kind.TRANSIENT, "collector unreachable");
                    }
                    censuses.add(census);
                }, reason -> { });
        gateway.start();
        collar = new MqttClient(BROKER, "collar-it-" + run, new MemoryPersistence());
        collar.connect();
    }

    @AfterEach
    void tearDown() throws Exception {
        collar.disconnect();
        collar.close();
        gateway.close();
    }

    private void publish(String collarId, byte[] payload) throws Exception {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        collar.publish(Topics.telemetry(collarId), message);
    }

    private static byte[] batch(String collarId, long seq, Instant from) {
        return batch(collarId, seq, from, "it");
    }

    private static byte[] batch(String collarId, long seq, Instant from, String firmware) {
        TelemetryBatch.Builder batch = TelemetryBatch.newBuilder().setCollarId(collarId).setSeq(seq)
                .setFirmware(firmware);
        for (int m = 0; m < 60; m++) {
            batch.addSamples(Sample.newBuilder().setMinuteStartMs(from.plus(Duration.ofMinutes(m)).toEpochMilli())
                    .setActivity(20).setWear(WearState.WORN));
        }
        return batch.build().toByteArray();
    }

    @Test
    void malformedPayloadsAreCountedAndDoNotStopTheGateway() throws Exception {
        String id = "it-" + run;
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(10));

        publish(id, "not protobuf at all".getBytes(StandardCharsets.UTF_8));
        publish(id, batch("some-other-collar", 1, start)); // payload does not match its topic
        for (int i = 0; i < 5; i++) {
            publish(id, batch(id, i + 1, start.plus(Duration.ofHours(i))));
        }
        publish(id, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff});
        publish(id, batch(id, 6, start.plus(Duration.ofHours(5))));

        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.status().batchesDelivered() == 6);
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.status().malformedPayloads() == 3);
        assertEquals(6 * 60, gateway.status().detection().minutesAccepted());
        assertEquals(0, gateway.status().detection().seqSkipped());

        // The hub's local status and metrics say the same.
        String status = get("/status");
        assertTrue(status.contains("\"mqtt_connected\":true"), status);
        assertTrue(status.contains("\"not-protobuf\":2") && status.contains("\"topic-mismatch\":1"), status);
        assertTrue(status.contains("\"" + id + "\":{\"baseline\":\"learning\""), status);
        String metrics = get("/metrics");
        assertTrue(metrics.contains("petwatch_gateway_batches_total 6.0"), metrics);
        assertTrue(metrics.contains("petwatch_gateway_dropped_payloads_total{reason=\"not-protobuf\"} 2.0"), metrics);
        assertTrue(metrics.contains("petwatch_gateway_mqtt_connected 1.0"), metrics);
    }

    @Test
    void sendsTheCensusOfTheCollarsItHeardByFirmware() throws Exception {
        // Firmware names of this run only: the broker may carry other tests' collars at the same time.
        String newer = "2.1-" + run;
        String older = "2.0-" + run;
        Instant recent = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
        publish("census-a-" + run, batch("census-a-" + run, 1, recent, newer));
        publish("census-b-" + run, batch("census-b-" + run, 1, recent.minus(Duration.ofHours(5)), newer));
        publish("census-c-" + run, batch("census-c-" + run, 1, recent, older));
        publish("census-d-" + run, batch("census-d-" + run, 1, recent.minus(Duration.ofDays(3)), older)); // gone quiet
        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.status().batchesDelivered() >= 4);
        censusFailures.set(1);

        gateway.sendCensus(); // the collector is down: logged, and the next interval tries again
        gateway.sendCensus();

        HubCensus census = censuses.get(censuses.size() - 1);
        assertEquals("hub-it", census.getHubId());
        assertEquals("", census.getHubModel());
        assertEquals(Duration.ofHours(24).toMillis(), census.getWindowMs());
        Map<String, Integer> ours = new TreeMap<>();
        census.getFirmwareList().stream().filter(f -> f.getFirmware().endsWith(run))
                .forEach(f -> ours.put(f.getFirmware(), f.getCollars()));
        assertEquals(Map.of(newer, 2, older, 1), ours);
    }

    private String get(String path) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                        + gateway.statusPort().orElseThrow() + path)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path);
        return response.body();
    }

    @Test
    void aResentBatchIsDeliveredAgainButCountsOnce() throws Exception {
        String id = "it-dup-" + run;
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
        byte[] first = batch(id, 1, start);

        publish(id, first);
        publish(id, first);
        publish(id, batch(id, 2, start.plus(Duration.ofHours(1))));

        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.status().batchesDelivered() == 3);
        assertEquals(120, gateway.status().detection().minutesAccepted());
        assertEquals(60, gateway.status().detection().minutesDuplicate());
        assertEquals(1, gateway.status().detection().lateBatches());
    }

    @Test
    void aHubThatLosesBatchesSaysSoWithTheCount() throws Exception {
        String id = "it-lost-" + run;
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(6));

        publish(id, batch(id, 1, start));
        publish(id, batch(id, 5, start.plus(Duration.ofHours(4)))); // 2, 3 and 4 never came

        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.status().detection().seqSkipped() == 3);
        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.status().health().reasons().stream()
                .anyMatch(r -> r.startsWith("3 batch(es) missing from collars' seq runs")));
        assertEquals("DEGRADED", gateway.status().health().state());
        String status = get("/status");
        assertTrue(status.contains("\"state\":\"DEGRADED\"") && status.contains("\"seq_skipped\":3"), status);
        assertTrue(get("/metrics").contains("petwatch_gateway_degraded 1.0"));
    }
}
