package io.petwatch.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.gateway.TestBroker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged gateway as its own process on the real Mosquitto, killed with SIGKILL mid-stream and restarted while
 * the collars go on publishing: its persistent session, snapshots and outbox carry it through, and the real
 * collector ends with each expected alert once.
 */
class GatewayKillIT {
    private static final Path GATEWAY_JAR = Path.of(System.getProperty("petwatch.gateway.jar",
            "../../edge-gateway/target/petwatch-edge-gateway.jar"));

    private final int statusPort = TestBroker.freePort();

    @Test
    void aGatewayKilledAndRestartedMidStreamStillAlertsOnceForEachSickPet() throws Exception {
        Process gateway = null;
        try (EndToEnd run = EndToEnd.create("gateway_kill");
             CollarFleet fleet = new CollarFleet(6, 14, 2, Duration.ofHours(96))) {
            CollectorApi api = run.startCollector();
            Map<String, String> settings = run.gatewaySettings(EndToEnd.BROKER, "kill");
            settings.put("petwatch.status.port", Integer.toString(statusPort));
            settings.put("petwatch.stats.interval-s", "1");
            fleet.connect(EndToEnd.BROKER);

            gateway = startGateway(run, settings);
            fleet.publishRounds(24 * 8); // eight healthy days, heard live
            long live = fleet.published();
            await().atMost(Duration.ofSeconds(60)).until(() -> batchesSeen() == live);
            Thread.sleep(1500); // at least one snapshot interval has passed
            gateway.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no goodbye, no final snapshot

            fleet.publishRounds(24 * 2); // the broker keeps these for the gateway's session
            gateway = startGateway(run, settings);
            fleet.publishRest();

            await().atMost(Duration.ofSeconds(60)).until(() -> api.alerts().size() >= fleet.sickCollars().size());
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> status().contains("\"outbox_depth\":0"));
            BrokerRestartIT.assertEachSickPetAlertedOnce(api, fleet);
            String status = status();
            assertTrue(status.contains("\"collar-001\":{\"baseline\":\"ready\""), "the learning survived the kill: "
                    + status);
        } finally {
            if (gateway != null) {
                gateway.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private Process startGateway(EndToEnd run, Map<String, String> settings) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-jar", GATEWAY_JAR.toAbsolutePath().toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(run.work().resolve("gateway.log").toFile()));
        // Configured the way a hub's systemd unit does it: through the environment.
        settings.forEach((key, value) -> pb.environment().put(key.toUpperCase().replace('.', '_').replace('-', '_'),
                value));
        Process process = pb.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> status().contains("\"mqtt_connected\":true"));
        return process;
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
}
