package io.petwatch.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.petwatch.demo.chaos.GatewayProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged gateway as its own process on the real Mosquitto, killed with SIGKILL mid-stream and restarted while
 * the collars go on publishing: its persistent session, snapshots and outbox carry it through, and the real
 * collector ends with each expected alert once.
 */
class GatewayKillIT {
    private static final Path GATEWAY_JAR = Path.of(System.getProperty("petwatch.gateway.jar",
            "../../edge-gateway/target/petwatch-edge-gateway.jar"));

    @Test
    void aGatewayKilledAndRestartedMidStreamStillAlertsOnceForEachSickPet() throws Exception {
        try (EndToEnd run = EndToEnd.create("gateway_kill");
             CollarFleet fleet = new CollarFleet(6, 14, 2, Duration.ofHours(96))) {
            CollectorApi api = run.startCollector();
            Map<String, String> settings = run.gatewaySettings(EndToEnd.BROKER, "kill");
            settings.put("petwatch.stats.interval-s", "1");
            fleet.connect(EndToEnd.BROKER);
            // Configured the way a hub's systemd unit does it: through the environment.
            try (GatewayProcess gateway = new GatewayProcess(GATEWAY_JAR, settings, run.work().resolve("gateway.log"))) {
                gateway.start();
                fleet.publishRounds(24 * 8); // eight healthy days, heard live
                long live = fleet.published();
                await().atMost(Duration.ofSeconds(60)).until(() -> batchesSeen(gateway) == live);
                Thread.sleep(1500); // at least one snapshot interval has passed
                gateway.kill(); // SIGKILL: no goodbye, no final snapshot

                fleet.publishRounds(24 * 2); // the broker keeps these for the gateway's session
                gateway.start();
                fleet.publishRest();

                await().atMost(Duration.ofSeconds(60)).until(() -> api.alerts().size() >= fleet.sickCollars().size());
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                        .until(() -> field(gateway, "outbox_depth") == 0);
                BrokerRestartIT.assertEachSickPetAlertedOnce(api, fleet);
                String baseline = gateway.status().map(s -> s.path("collars").path("collar-001").path("baseline")
                        .asText()).orElse("");
                assertTrue(baseline.equals("ready"), "the learning survived the kill: " + gateway.status());
            }
        }
    }

    private static long batchesSeen(GatewayProcess gateway) {
        return field(gateway, "batches");
    }

    private static long field(GatewayProcess gateway, String name) {
        return gateway.status().map(s -> s.path(name)).filter(JsonNode::isNumber).map(JsonNode::asLong).orElse(-1L);
    }
}
