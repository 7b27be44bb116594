package io.petwatch.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.gateway.config.ConfigSource;
import io.petwatch.gateway.config.GatewayConfig;
import io.petwatch.gateway.mqtt.Topics;
import io.petwatch.gateway.outbox.MemoryOutbox;
import io.petwatch.proto.v1.AlertBatchResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS to the hub broker with certificates from the repository's deploy/hub/make-certs.sh: a Mosquitto of the
 * test's own requires a client certificate on its TLS listener (and takes the certificate's CN as the username);
 * collars publish on a plain loopback listener beside it.
 */
class BrokerTlsIT {
    private static final Path HUB = Path.of(System.getProperty("petwatch.hub.dir", "../deploy/hub"));

    @TempDir
    static Path dir;
    private static TestBroker broker;
    private static int tlsPort;
    private static Path certs;

    @BeforeAll
    static void startABrokerThatRequiresClientCertificates() throws Exception {
        certs = dir.resolve("certs");
        Process make = new ProcessBuilder("bash", HUB.resolve("make-certs.sh").toString(), certs.toString(), "localhost")
                .inheritIO().start();
        assertTrue(make.waitFor(60, TimeUnit.SECONDS) && make.exitValue() == 0, "make-certs.sh succeeded");
        tlsPort = TestBroker.freePort();
        broker = TestBroker.start(dir, List.of(
                "per_listener_settings false",
                "listener {port} 127.0.0.1",
                "listener " + tlsPort + " 127.0.0.1",
                "cafile " + certs.resolve("ca.crt"),
                "certfile " + certs.resolve("broker.crt"),
                "keyfile " + certs.resolve("broker.key"),
                "require_certificate true",
                "allow_anonymous true",
                "persistence false"));
    }

    @AfterAll
    static void stopTheBroker() {
        broker.close();
    }

    private static GatewayConfig config(Map<String, String> tls) {
        Map<String, String> settings = new HashMap<>(Map.of("petwatch.hub.id", "hub-tls", "petwatch.hub.token", "t",
                "petwatch.mqtt.url", "ssl://localhost:" + tlsPort, "petwatch.mqtt.client-id", "gw-" + System.nanoTime(),
                "petwatch.mqtt.session-expiry-s", "0", "petwatch.snapshot.dir", "none", "petwatch.zone", "UTC",
                "petwatch.status.port", "-1"));
        settings.putAll(tls);
        return GatewayConfig.from(ConfigSource.of(settings));
    }

    private static Gateway gateway(GatewayConfig config) {
        return new Gateway(config, Clock.systemUTC(), new MemoryOutbox(), batch -> AlertBatchResult.getDefaultInstance());
    }

    private static Map<String, String> withClientCertificate() {
        return Map.of("petwatch.mqtt.tls.ca-file", certs.resolve("ca.crt").toString(),
                "petwatch.mqtt.tls.cert-file", certs.resolve("gateway.crt").toString(),
                "petwatch.mqtt.tls.key-file", certs.resolve("gateway.key").toString());
    }

    @Test
    void aGatewayWithTheHubCaAndItsCertificateReceivesBatchesOverTls() throws Exception {
        try (Gateway gateway = gateway(config(withClientCertificate()))) {
            gateway.start();
            MqttClient collar = new MqttClient("tcp://127.0.0.1:" + broker.port(), "collar-tls-" + System.nanoTime(),
                    new MemoryPersistence());
            collar.connect();
            try {
                collar.publish(Topics.telemetry("collar-tls"), TestBatches.oneHour("collar-tls"));
                await().atMost(Duration.ofSeconds(10)).until(() -> gateway.status().batchesDelivered() == 1);
                assertTrue(gateway.status().connected());
            } finally {
                collar.disconnect();
                collar.close();
            }
        }
    }

    @Test
    void aGatewayWithoutAClientCertificateIsRefused() {
        try (Gateway gateway = gateway(config(Map.of("petwatch.mqtt.tls.ca-file", certs.resolve("ca.crt").toString())))) {
            assertThrows(MqttException.class, gateway::start);
        }
    }

    @Test
    void aGatewayThatDoesNotTrustTheBrokersCaIsRefused() {
        // Without the hub CA the JDK's public roots apply, and they never signed the hub broker's certificate.
        try (Gateway gateway = gateway(config(Map.of()))) {
            assertThrows(MqttException.class, gateway::start);
            assertEquals(0, gateway.status().batchesDelivered());
        }
    }

    @Test
    void aKeyFileThatIsNotPkcs8IsAConfigurationErrorNamingTheKey() {
        Map<String, String> tls = new HashMap<>(withClientCertificate());
        tls.put("petwatch.mqtt.tls.key-file", certs.resolve("ca.crt").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gateway(config(tls)).close());
        assertTrue(e.getMessage().contains("petwatch.mqtt.tls.key-file"), e.getMessage());
    }

    @Test
    void aCertificateWithoutItsKeyIsAConfigurationErrorNamingBothKeys() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config(Map.of(
                "petwatch.mqtt.tls.cert-file", certs.resolve("gateway.crt").toString())));
        assertTrue(e.getMessage().contains("petwatch.mqtt.tls.cert-file and petwatch.mqtt.tls.key-file"),
                e.getMessage());
    }
}
