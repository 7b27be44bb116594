package io.petwatch.demo;

import io.petwatch.gateway.Gateway;
import io.petwatch.gateway.config.ConfigSource;
import io.petwatch.gateway.config.GatewayConfig;
import io.petwatch.gateway.status.GatewayStatus;
import io.petwatch.sim.SimConfig;
import io.petwatch.sim.SimReport;
import io.petwatch.sim.Simulation;
import io.petwatch.sim.scenario.SlowDecline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.tinylog.Logger;

/**
 * Runs the whole pipeline once: broker and database (embedded or real), the collector as its own process, the
 * gateway, and the simulator publishing the fleet. Returns what the collector ended up holding.
 */
final class DemoRunner {
    static final String HUB_ID = "hub-demo";
    static final String HUB_TOKEN = "demo-hub-token";
    static final String SEED = "classpath:seed/demo-seed.json";
    /**
     * The collar whose pet slowly declines (Goldie, Tom Lindqvist's senior dog in the seed): at least 42 days of data
     * from a Monday, normal for 8, then down to half over 30 days and held to the end, so the hub raises
     * ACTIVITY_DRIFT two to three weeks before the run ends and the 48 h lethargy rule never fires (checked for every
     * end time of a week: SimulatedFleetDetectionTest). Not one of the lethargic collars, nor of the scripted
     * conversations.
     */
    static final SlowDecline DRIFT = new SlowDecline(List.of("collar-004"), 42, 30, 4, 0.5);

    /** What one run produced. */
    record Result(String broker, String database, SimReport sim, GatewayStatus gateway,
                  List<Map<String, Object>> alerts, List<Map<String, Object>> cases,
                  List<Map<String, Object>> messages, List<String> conversations, SignalOutcomes.Lines signals,
                  Duration took) {
    }

    Result run(DemoSettings settings) {
        return run(settings, Map.of(), (result, collector) -> { });
    }

    /**
     * Runs the pipeline, then hands the result and the collector's URL to {@code beforeClosing} while everything still
     * runs ({@code demo.sh --serve} keeps it so until Ctrl-C); {@code extraEnvironment} is added to the collector's.
     */
    Result run(DemoSettings settings, Map<String, String> extraEnvironment,
               BiConsumer<Result, URI> beforeClosing) {
        Instant began = Instant.now();
        Path work = prepare(settings.workDir());
        String schema = "petwatch_demo_" + began.toEpochMilli();
        Deque<AutoCloseable> open = new ArrayDeque<>();
        try {
            String broker = settings.mqttUrl().orElseGet(() -> push(open, EmbeddedBroker.start(work)).url());
            String jdbc = settings.dbUrl().orElseGet(() -> push(open, EmbeddedPostgres.start(work)).jdbcUrl());
            if (settings.dbUrl().isPresent() && !settings.keepSchema()) {
                open.push(() -> dropSchema(jdbc, settings, schema)); // closes after the collector has stopped
            }
            Map<String, String> environment = new java.util.HashMap<>(collectorEnvironment(jdbc, settings, schema));
            environment.putAll(extraEnvironment);
            CollectorProcess collector = push(open, CollectorProcess.start(settings.collectorJar(), environment,
                    work.resolve("collector.log")));
            Gateway gateway = push(open, new Gateway(gatewayConfig(settings, broker, collector, work, schema),
                    Clock.systemUTC()));
            try {
                gateway.start();
            } catch (MqttException e) {
                throw new IllegalStateException("the gateway could not connect to " + broker + ": " + e.getMessage(), e);
            }

            SimReport sim = new Simulation(simConfig(settings, broker)).run();

            await("the gateway to receive all " + sim.batchesPublished() + " batches", Duration.ofSeconds(120),
                    () -> gateway.status().batchesDelivered() >= sim.batchesPublished(), gateway::status);
            await("the gateway's outbox to drain", Duration.ofSeconds(60),
                    () -> gateway.status().pendingAlerts() == 0, gateway::status);
            CollectorApi api = new CollectorApi(collector.baseUrl());
            long raised = gateway.status().detection().alertsRaised();
            await("the collector to process every alert", Duration.ofSeconds(60),
                    () -> processed(api.alerts(), raised), api::alerts);
            // What detection did is read before the scripted conversations add their own alerts and cases.
            List<Map<String, Object>> alerts = api.alerts();
            List<Map<String, Object>> cases = api.cases();
            List<Map<String, Object>> messages = api.messages();
            List<String> conversations = Conversations.play(api, HUB_ID, HUB_TOKEN,
                    environment.get("PETWATCH_SMS_AUTH_TOKEN"));
            RetailSignals.play(api, environment, Instant.now());
            SignalOutcomes.Lines signals = SignalOutcomes.await(api, Duration.ofSeconds(60));
            Result result = new Result(settings.mqttUrl().isPresent() ? broker : "embedded HiveMQ CE at " + broker,
                    settings.dbUrl().isPresent() ? jdbc + " (schema " + schema + ")" : "embedded PostgreSQL at " + jdbc,
                    sim, gateway.status(), alerts, cases, messages, conversations, signals, Duration.between(began,
                            Instant.now()));
            beforeClosing.accept(result, collector.baseUrl());
            return result;
        } finally {
            closeAll(open);
        }
    }

    /** The collector's configuration for a schema of its own, seeded with the demo data. */
    static Map<String, String> collectorEnvironment(String jdbc, DemoSettings settings, String schema) {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", jdbc + (jdbc.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                "QUARKUS_DATASOURCE_USERNAME", settings.dbUser(),
                "QUARKUS_DATASOURCE_PASSWORD", settings.dbPassword(),
                "QUARKUS_FLYWAY_SCHEMAS", schema,
                "PETWATCH_SEED_LOCATION", SEED));
        env.putAll(CollectorApi.demoEnvironment());
        return Map.copyOf(env);
    }

    private static boolean processed(List<Map<String, Object>> alerts, long expected) {
        return alerts.size() >= expected && alerts.stream().noneMatch(a -> "RECEIVED".equals(a.get("status")));
    }

    private static GatewayConfig gatewayConfig(DemoSettings settings, String broker, CollectorProcess collector,
                                               Path work, String schema) {
        // A demo's MQTT session should not outlive it on a shared broker; each run is a new household, so no
        // detection state is carried over from the previous run.
        return GatewayConfig.from(ConfigSource.of(Map.ofEntries(
                Map.entry("petwatch.hub.id", HUB_ID),
                Map.entry("petwatch.hub.token", HUB_TOKEN),
                Map.entry("petwatch.hub.model", "PW-HUB-2"),
                Map.entry("petwatch.mqtt.url", broker),
                Map.entry("petwatch.mqtt.client-id", "demo-gateway-" + schema),
                Map.entry("petwatch.mqtt.session-expiry-s", "60"),
                Map.entry("petwatch.collector.url", collector.baseUrl().toString()),
                Map.entry("petwatch.outbox.dir", work.resolve("outbox").toString()),
                Map.entry("petwatch.snapshot.dir", work.resolve("snapshots").toString()),
                Map.entry("petwatch.zone", "UTC"),
                Map.entry("petwatch.uplink.min-backoff-ms", "200"),
                Map.entry("petwatch.stats.interval-s", "10"),
                Map.entry("petwatch.status.port", "0"))));
    }

    static SimConfig simConfig(DemoSettings s, String broker) {
        SimConfig config = new SimConfig(java.net.URI.create(broker), s.collars(), "collar-", s.days(), s.simStart(),
                ZoneOffset.UTC, s.seed(), 60, s.lethargyCount() > 0 ? "lethargy" : "healthy", List.of(),
                s.lethargyCount(), Duration.ofHours(96), Optional.empty(), s.rate());
        // A smaller fleet (PETWATCH_DEMO_COLLARS) may not have the declining collar.
        return config.collarIds().containsAll(DRIFT.collars()) ? config.withDecline(DRIFT) : config;
    }

    private static Path prepare(Path workDir) {
        try {
            Files.createDirectories(workDir);
            for (String state : List.of("outbox", "snapshots")) {
                Directories.deleteTree(workDir.resolve(state));
            }
            return workDir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the demo's work directory " + workDir, e);
        }
    }

    private static <T extends AutoCloseable> T push(Deque<AutoCloseable> open, T resource) {
        open.push(resource);
        return resource;
    }

    private static void closeAll(Deque<AutoCloseable> open) {
        while (!open.isEmpty()) {
            try {
                open.pop().close();
            } catch (Exception e) {
                Logger.warn("Shutting down a demo component failed: {}", e.getMessage());
            }
        }
    }

    static void dropSchema(String jdbc, DemoSettings settings, String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbc, settings.dbUser(), settings.dbPassword());
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier done, Supplier<?> state) {
        Instant deadline = Instant.now().plus(timeout);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + "; state: " + state.get());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }
}
