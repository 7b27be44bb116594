package io.petwatch.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.petwatch.gateway.Gateway;
import io.petwatch.gateway.TestBroker;
import io.petwatch.gateway.config.ConfigSource;
import io.petwatch.gateway.config.GatewayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The hub broker (a persistent Mosquitto of the test's own, as deploy/hub configures it) restarts twice: once under a
 * connected gateway, which reconnects and resubscribes by itself, and once while it holds a backlog of QoS 1 batches
 * for the gateway's persistent session. No batch is lost and the real collector gets each alert once.
 */
class BrokerRestartIT {
    @Test
    void brokerRestartsLoseNoBatchAndEachAlertArrivesOnce() throws Exception {
        try (EndToEnd run = EndToEnd.create("broker_restart");
             TestBroker broker = TestBroker.start(Files.createDirectories(run.work().resolve("broker")), List.of(
                     "listener {port} 127.0.0.1", "allow_anonymous true", "persistence true",
                     "persistence_location " + run.work().resolve("broker").toAbsolutePath() + "/",
                     "max_queued_messages 100000"));
             CollarFleet fleet = new CollarFleet(6, 14, 2, Duration.ofHours(96))) {
            CollectorApi api = run.startCollector();
            String url = "tcp://127.0.0.1:" + broker.port();
            Map<String, String> settings = run.gatewaySettings(url, "broker-restart");
            fleet.connect(url);

            Gateway first = new Gateway(GatewayConfig.from(ConfigSource.of(settings)), Clock.systemUTC());
            long heardByFirst;
            try {
                first.start();
                fleet.publishRounds(24 * 7);
                await().atMost(Duration.ofSeconds(60)).until(() -> first.status().batchesDelivered() == fleet.published());

                broker.restart(); // under a connected gateway
                // Usually within 5 s; up to ~25 s when Paho's reconnect hangs and the gateway's watchdog replaces it.
                await().atMost(Duration.ofSeconds(45)).until(() -> first.status().connected());
                fleet.connect(url);
                fleet.publishRounds(24 * 2);
                await().atMost(Duration.ofSeconds(60)).until(() -> first.status().batchesDelivered() == fleet.published());
                heardByFirst = first.status().batchesDelivered();
            } finally {
                first.close(); // leaves its session (and queue) on the broker
            }

            long queued = fleet.publishRest(); // the rest of the fortnight, the pets falling ill, queued for the session
            broker.restart(); // the backlog must survive on disk
            fleet.disconnect();

            try (Gateway second = new Gateway(GatewayConfig.from(ConfigSource.of(settings)), Clock.systemUTC())) {
                second.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> second.status().batchesDelivered() == queued);
                await().atMost(Duration.ofSeconds(30)).until(() -> api.alerts().size() >= fleet.sickCollars().size()
                        && second.status().pendingAlerts() == 0);
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                        .until(() -> second.status().batchesDelivered() == queued);
                assertEquals(fleet.published(), heardByFirst + second.status().batchesDelivered(), "no batch lost");
            }
            assertEachSickPetAlertedOnce(api, fleet);
        }
    }

    static void assertEachSickPetAlertedOnce(CollectorApi api, CollarFleet fleet) {
        List<Map<String, Object>> alerts = api.alerts();
        assertEquals(fleet.sickCollars().size(), alerts.size(), () -> "alerts: " + alerts);
        assertEquals(fleet.sickCollars(), alerts.stream().map(a -> (String) a.get("collarId"))
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
        alerts.forEach(a -> assertEquals("LOW_ACTIVITY", a.get("kind")));
        await().atMost(Duration.ofSeconds(20)).until(() -> api.messages().size() == fleet.sickCollars().size());
    }
}
