package io.petwatch.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.petwatch.gateway.Gateway;
import io.petwatch.gateway.config.ConfigSource;
import io.petwatch.gateway.config.GatewayConfig;
import io.petwatch.sim.SimConfig;
import io.petwatch.sim.SimReport;
import io.petwatch.sim.Simulation;
import io.petwatch.sim.scenario.Episode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The real collector goes down before two pets fall ill and comes back later on the same port: the alerts wait in
 * the gateway's outbox and each reaches the collector once, with one SMS each. Real Mosquitto and PostgreSQL.
 */
class CollectorOutageIT {
    @Test
    void alertsRaisedWhileTheCollectorIsDownArriveOnceWhenItIsBack() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("PETWATCH_DB_URL", System.getProperty("petwatch.it.db.url", "jdbc:postgresql://127.0.0.1:5432/test"));
        env.put("PETWATCH_COLLECTOR_JAR", System.getProperty("petwatch.collector.jar",
                "../../collector/target/quarkus-app/quarkus-run.jar"));
        DemoSettings settings = DemoSettings.fromEnvironment(env);
        String broker = System.getProperty("petwatch.it.mqtt.url", "tcp://127.0.0.1:1883");
        String jdbc = settings.dbUrl().orElseThrow();
        String schema = "petwatch_outage_" + System.currentTimeMillis();
        Path work = Files.createDirectories(Path.of("target", "outage-it", schema));
        int port = FreePorts.take();
        Map<String, String> collectorEnv = DemoRunner.collectorEnvironment(jdbc, settings, schema);

        CollectorProcess first = CollectorProcess.start(settings.collectorJar(), collectorEnv,
                work.resolve("collector-1.log"), port);
        GatewayConfig config = GatewayConfig.from(ConfigSource.of(Map.ofEntries(
                Map.entry("petwatch.hub.id", DemoRunner.HUB_ID), Map.entry("petwatch.hub.token", DemoRunner.HUB_TOKEN),
                Map.entry("petwatch.mqtt.url", broker), Map.entry("petwatch.mqtt.client-id", "outage-" + schema),
                Map.entry("petwatch.mqtt.session-expiry-s", "60"),
                Map.entry("petwatch.collector.url", "http://127.0.0.1:" + port),
                Map.entry("petwatch.outbox.dir", work.resolve("outbox").toString()),
                Map.entry("petwatch.snapshot.dir", "none"), Map.entry("petwatch.zone", "UTC"),
                Map.entry("petwatch.uplink.min-backoff-ms", "200"), Map.entry("petwatch.uplink.max-backoff-ms", "1000"),
                Map.entry("petwatch.status.port", "-1"))));
        CollectorProcess second = null;
        try (Gateway gateway = new Gateway(config, Clock.systemUTC())) {
            gateway.start();
            first.close(); // the collector goes down before anything is wrong

            SimReport sim = new Simulation(new SimConfig(URI.create(broker), 8, "collar-", 14,
                    Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(14)), ZoneOffset.UTC, 7, 60,
                    "lethargy", List.of(), 2, Duration.ofHours(96), Optional.empty(), 1000)).run();
            await().atMost(Duration.ofSeconds(60)).until(() -> gateway.status().batchesDelivered() >= sim.batchesPublished());
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.status().pendingAlerts() == 2);

            second = CollectorProcess.start(settings.collectorJar(), collectorEnv, work.resolve("collector-2.log"), port);
            await().atMost(Duration.ofSeconds(30)).until(() -> gateway.status().pendingAlerts() == 0);
            CollectorApi api = new CollectorApi(second.baseUrl());
            await().atMost(Duration.ofSeconds(30)).until(() -> api.messages().size() == 2);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> api.messages().size() == 2);

            Set<String> sick = sim.episodes().stream().map(Episode::collarId).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(sick, api.alerts().stream().map(a -> (String) a.get("collarId"))
                    .collect(Collectors.toCollection(TreeSet::new)));
            assertEquals(2, api.alerts().size(), "each alert once");
            assertEquals(2, api.cases().size());
        } finally {
            if (second != null) {
                second.close();
            }
            DemoRunner.dropSchema(jdbc, settings, schema);
        }
    }
}
