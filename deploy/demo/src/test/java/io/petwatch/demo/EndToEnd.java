package io.petwatch.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One end-to-end run against this machine's real services: a fresh PostgreSQL schema seeded with the demo
 * customers, the packaged collector on a port of its own (stopped and started at will), and the settings a gateway
 * needs to reach it. An unreachable service fails the test; it never skips.
 */
final class EndToEnd implements AutoCloseable {
    static final String BROKER = System.getProperty("petwatch.it.mqtt.url", "tcp://127.0.0.1:1883");

    private final DemoSettings settings;
    private final String jdbc;
    private final String schema;
    private final Path work;
    private final int port = FreePorts.take();
    private final Map<String, String> collectorEnv;
    private Optional<CollectorProcess> collector = Optional.empty();
    private final java.util.List<CollectorProcess> extra = new java.util.ArrayList<>();
    private int starts;

    private EndToEnd(String name) throws IOException {
        String dbUrl = System.getProperty("petwatch.it.db.url", "jdbc:postgresql://127.0.0.1:5432/test");
        java.net.URI db = ItContainers.jdbcAddress(dbUrl);
        requireReachable("PostgreSQL", db.getHost(), db.getPort());
        Map<String, String> env = new HashMap<>();
        env.put("PETWATCH_DB_URL", dbUrl);
        env.put("PETWATCH_COLLECTOR_JAR", System.getProperty("petwatch.collector.jar",
                "../../collector/target/quarkus-app/quarkus-run.jar"));
        settings = DemoSettings.fromEnvironment(env);
        jdbc = settings.dbUrl().orElseThrow();
        schema = "petwatch_" + name + "_" + System.currentTimeMillis();
        work = Files.createDirectories(Path.of("target", "e2e", schema));
        collectorEnv = new HashMap<>(DemoRunner.collectorEnvironment(jdbc, settings, schema));
    }

    static EndToEnd create(String name) throws IOException {
        return new EndToEnd(name);
    }

    static void requireReachable(String service, String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
        } catch (IOException e) {
            throw new IllegalStateException(service + " is not reachable at " + host + ":" + port
                    + "; this integration test needs it (.ci/run starts it)", e);
        }
    }

    Path work() {
        return work;
    }

    /** Starts the collector (again) on this run's port. */
    CollectorApi startCollector() {
        starts++;
        CollectorProcess process = CollectorProcess.start(settings.collectorJar(), collectorEnv,
                work.resolve("collector-" + starts + ".log"), port);
        collector = Optional.of(process);
        return new CollectorApi(process.baseUrl());
    }

    /** Adds settings for every collector started from now on (for example a playbook of the test's own). */
    void collectorSetting(String key, String value) {
        collectorEnv.put(key, value);
    }

    /** Another collector instance on the same database, on a port of its own; stopped with the others. */
    CollectorApi startAnotherCollector() {
        starts++;
        CollectorProcess process = CollectorProcess.start(settings.collectorJar(), collectorEnv,
                work.resolve("collector-" + starts + ".log"), FreePorts.take());
        extra.add(process);
        return new CollectorApi(process.baseUrl());
    }

    void stopCollector() {
        extra.forEach(CollectorProcess::close);
        extra.clear();
        collector.ifPresent(CollectorProcess::close);
        collector = Optional.empty();
    }

    /** The first column of each row a query over this run's schema returns, as text. */
    java.util.List<String> column(String sql) throws SQLException {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbc, settings.dbUser(),
                settings.dbPassword()); java.sql.Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + schema);
            try (java.sql.ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    String collectorUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Gateway settings for the demo hub against this run's collector; callers add or override keys. */
    Map<String, String> gatewaySettings(String broker, String clientId) {
        Map<String, String> s = new HashMap<>();
        s.put("petwatch.hub.id", DemoRunner.HUB_ID);
        s.put("petwatch.hub.token", DemoRunner.HUB_TOKEN);
        s.put("petwatch.mqtt.url", broker);
        s.put("petwatch.mqtt.client-id", clientId + "-" + schema);
        s.put("petwatch.mqtt.session-expiry-s", "600");
        s.put("petwatch.collector.url", collectorUrl());
        s.put("petwatch.outbox.dir", work.resolve("outbox").toString());
        s.put("petwatch.snapshot.dir", work.resolve("snapshots").toString());
        s.put("petwatch.zone", "UTC");
        s.put("petwatch.uplink.min-backoff-ms", "200");
        s.put("petwatch.uplink.max-backoff-ms", "1000");
        s.put("petwatch.status.port", "-1");
        return s;
    }

    @Override
    public void close() {
        stopCollector();
        try {
            DemoRunner.dropSchema(jdbc, settings, schema);
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test schema " + schema, e);
        }
    }
}
