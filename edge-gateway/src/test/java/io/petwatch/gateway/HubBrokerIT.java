package io.petwatch.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.petwatch.gateway.config.ConfigSource;
import io.petwatch.gateway.config.GatewayConfig;
import io.petwatch.gateway.mqtt.Topics;
import io.petwatch.gateway.outbox.MemoryOutbox;
import io.petwatch.proto.v1.AlertBatchResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub broker as deploy/hub configures it (per-collar credentials, ACLs), run from the repository's own
 * mosquitto.conf and mosquitto.acl on a free port: a collar is heard on its own topics only.
 */
class HubBrokerIT {
    private static final Path HUB = Path.of(System.getProperty("petwatch.hub.dir", "../deploy/hub"));

    @TempDir
    static Path dir;
    private static TestBroker broker;
    private Gateway gateway;

    @BeforeAll
    static void startTheHubBroker() throws Exception {
        Path passwd = dir.resolve("mosquitto.passwd");
        for (String[] user : List.of(new String[] {"petwatch-gateway", "gw-pass"}, new String[] {"collar-a", "a-pass"},
                new String[] {"collar-b", "b-pass"})) {
            List<String> cmd = new ArrayList<>(List.of("mosquitto_passwd", "-b"));
            if (!Files.exists(passwd)) {
                cmd.add("-c");
            }
            cmd.addAll(List.of(passwd.toString(), user[0], user[1]));
            assertEquals(0, new ProcessBuilder(cmd).inheritIO().start().waitFor(), "mosquitto_passwd " + user[0]);
        }
        List<String> conf = new ArrayList<>();
        for (String line : Files.readAllLines(HUB.resolve("mosquitto.conf"))) {
            // The test's own port, files and (root-run) user; everything else as deployed.
            if (line.startsWith("listener")) {
                conf.add("listener {port} 127.0.0.1");
            } else if (line.startsWith("password_file")) {
                conf.add("password_file " + passwd);
            } else if (line.startsWith("acl_file")) {
                conf.add("acl_file " + HUB.resolve("mosquitto.acl").toAbsolutePath());
            } else if (line.startsWith("persistence") || line.startsWith("log_dest")) {
                continue;
            } else {
                conf.add(line);
            }
        }
        conf.add("persistence false");
        broker = TestBroker.start(dir, conf);
    }

    @AfterAll
    static void stopTheHubBroker() {
        broker.close();
    }

    @BeforeEach
    void givenAnAuthenticatedGateway() throws Exception {
        gateway = new Gateway(config("gw-pass"), Clock.systemUTC(), new MemoryOutbox(),
                batch -> AlertBatchResult.getDefaultInstance());
        gateway.start();
    }

    @AfterEach
    void stopGateway() {
        gateway.close();
    }

    private static GatewayConfig config(String password) {
        return GatewayConfig.from(ConfigSource.of(Map.of("petwatch.hub.id", "hub-it", "petwatch.hub.token", "t",
                "petwatch.mqtt.url", "tcp://127.0.0.1:" + broker.port(), "petwatch.mqtt.username", "petwatch-gateway",
                "petwatch.mqtt.password", password, "petwatch.mqtt.client-id", "gw-" + System.nanoTime(),
                "petwatch.mqtt.session-expiry-s", "0", "petwatch.snapshot.dir", "none", "petwatch.zone", "UTC",
                "petwatch.status.port", "-1")));
    }

    private static MqttClient collar(String user, String password) throws MqttException {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + broker.port(), user + "-" + System.nanoTime(),
                new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(user);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        client.connect(options);
        return client;
    }

    @Test
    void aCollarIsHeardOnItsOwnTopicButNeverOnAnothers() throws Exception {
        MqttClient collarA = collar("collar-a", "a-pass");
        try {
            // collar-a pretends to be collar-b: the broker's ACL drops it before the gateway could see it.
            try {
                collarA.publish(Topics.telemetry("collar-b"), TestBatches.oneHour("collar-b"));
            } catch (MqttException refused) {
                // an MQTT 5 broker may also answer the publish with "not authorized"
            }
            collarA.publish(Topics.telemetry("collar-a"), TestBatches.oneHour("collar-a"));

            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.status().batchesDelivered() == 1);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> gateway.status().batchesDelivered() == 1);
            assertEquals(1, gateway.status().detection().collars(), "only collar-a was ever heard");
        } finally {
            collarA.disconnect();
            collarA.close();
        }
    }

    @Test
    void aCollarWithAWrongPasswordIsRefused() {
        assertThrows(MqttException.class, () -> collar("collar-a", "not-its-password"));
    }

    @Test
    void aGatewayWithAWrongPasswordCannotConnect() {
        Gateway intruder = new Gateway(config("guess"), Clock.systemUTC(), new MemoryOutbox(),
                batch -> AlertBatchResult.getDefaultInstance());
        try {
            assertThrows(MqttException.class, intruder::start);
        } finally {
            intruder.close();
        }
    }
}
