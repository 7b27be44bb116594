package io.petwatch.demo.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.petwatch.demo.CollectorApi;
import io.petwatch.demo.CollectorProcess;
import io.petwatch.demo.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * One run of the whole hub path (the shipped hub broker, the packaged gateway, the simulator as its own process, the
 * packaged collector on its own schema) with the faults of a {@link FaultPlan} struck at their times; read a settle
 * time after the last fault. A run without faults is the baseline the chaos run is compared with.
 */
final class ChaosRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChaosSettings settings;
    private final FaultPlan plan;
    private final String name;
    private final Path work;
    private final String schema;
    private final int collectorPort = FreePorts.take();
    private final Intruders intruders;
    private HubBroker broker;
    private GatewayProcess gateway;
    private Optional<CollectorProcess> collector = Optional.empty();
    private int collectorStarts;

    private final List<String> skip;
    private Thread junk = new Thread(() -> { });

    /** @param skip batches ({@code collar-id:seq}) the simulator leaves out, as if lost */
    ChaosRun(ChaosSettings settings, FaultPlan plan, String name, List<String> skip) throws IOException {
        this.settings = settings;
        this.plan = plan;
        this.name = name;
        this.skip = List.copyOf(skip);
        this.work = Files.createDirectories(settings.work().resolve(name));
        this.schema = "petwatch_chaos_" + name.replace('-', '_') + "_" + System.currentTimeMillis();
        this.intruders = new Intruders(settings.poisonCollar(), plan.junkCollars());
    }

    RunResult run() throws Exception {
        Instant began = Instant.now();
        Map<String, String> accounts = new LinkedHashMap<>();
        accounts.put(ChaosSettings.GATEWAY_USER, ChaosSettings.GATEWAY_PASSWORD);
        List<String> credentials = new ArrayList<>();
        for (int n = 1; n <= settings.collars(); n++) {
            accounts.put(settings.collarId(n), Intruders.password(settings.collarId(n)));
            credentials.add(settings.collarId(n) + ":" + Intruders.password(settings.collarId(n)));
        }
        accounts.putAll(intruders.accounts());
        Files.write(work.resolve("collars.credentials"), credentials);
        Files.write(work.resolve("skip"), skip);
        broker = HubBroker.start(settings.hubDir(), work.resolve("broker"), accounts);
        try {
            startCollector();
            gateway = new GatewayProcess(settings.gatewayJar(), gatewaySettings(), work.resolve("gateway.log"));
            gateway.start();
            Process sim = Processes.java(List.of(), settings.simJar(), simArgs(), Map.of(), work.resolve("sim.log"));
            Instant t0 = Instant.now();
            strike(t0);
            junk.join();
            if (!sim.waitFor(15, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the simulator did not finish within 15 minutes; see "
                        + work.resolve("sim.log"));
            }
            Instant settledAt = Instant.now().plusSeconds(plan.settleSeconds());
            Logger.info("{}: simulator done (exit {}); reading the state at {}", name, sim.exitValue(), settledAt);
            if (!plan.faults()) {
                awaitQuiet(Duration.ofSeconds(120)); // the baseline waits for everything, however long it takes
            }
            Pause.millis(Duration.between(Instant.now(), settledAt).toMillis());
            return measure(JSON.readTree(work.resolve("sim-report.json").toFile()), began);
        } finally {
            if (gateway != null) {
                gateway.close();
            }
            collector.ifPresent(CollectorProcess::close);
            broker.close();
            dropSchema();
        }
    }

    /** Strikes the plan's faults at their times (seconds after {@code t0}), in order. */
    private void strike(Instant t0) throws Exception {
        List<Fault> faults = new ArrayList<>();
        plan.gatewayKillsAt().forEach(t -> faults.add(new Fault(t, "gateway kill -9", () -> {
            gateway.kill();
            Pause.millis(1000);
            gateway.start();
        })));
        if (plan.brokerRestartAt() != FaultPlan.NEVER) {
            faults.add(brokerDown(plan.brokerRestartAt(), "broker restart with batches queued", () -> broker.stop()));
        }
        if (plan.brokerKillAt() != FaultPlan.NEVER) {
            faults.add(brokerDown(plan.brokerKillAt(), "broker kill -9 with batches queued", () -> broker.kill()));
        }
        if (plan.poisonAt() != FaultPlan.NEVER) {
            faults.add(new Fault(plan.poisonAt(), "poison collar", () -> intruders.poison(broker.url())));
            faults.add(new Fault(plan.junkAt(), plan.junkCollars() + " junk collars", this::junkBurst));
            faults.add(new Fault(plan.collectorStopAt(), "collector stopped", this::stopCollector));
            faults.add(new Fault(plan.collectorStopAt() + plan.collectorOutageSeconds(), "collector back",
                    this::startCollector));
        }
        faults.sort((a, b) -> Integer.compare(a.at(), b.at()));
        for (Fault fault : faults) {
            Pause.millis(Duration.between(Instant.now(), t0.plusSeconds(fault.at())).toMillis());
            Logger.info("{}: t+{} s {}", name, Duration.between(t0, Instant.now()).toSeconds(), fault.what());
            fault.action().run();
        }
    }

    /** The gateway dies, collars go on publishing into its queue, then the broker goes down and comes back. */
    private Fault brokerDown(int at, String what, Action down) {
        return new Fault(at, what, () -> {
            gateway.kill();
            Pause.millis(plan.queueSeconds() * 1000L);
            down.run();
            broker.start();
            gateway.start();
        });
    }

    /** One fault. */
    private record Fault(int at, String what, Action action) {
    }

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    /** The junk collars publish on a thread of their own, so the faults after them keep their times. */
    private void junkBurst() {
        String url = broker.url();
        junk = new Thread(() -> {
            try {
                intruders.junk(url);
            } catch (Exception e) {
                Logger.error(e, "{}: the junk collars could not publish", name);
            }
        }, "junk-collars");
        junk.start();
    }

    private void startCollector() {
        collectorStarts++;
        Map<String, String> env = new HashMap<>(CollectorApi.demoEnvironment());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", settings.jdbc() + (settings.jdbc().contains("?") ? "&" : "?")
                + "currentSchema=" + schema);
        env.put("QUARKUS_DATASOURCE_USERNAME", settings.dbUser());
        env.put("QUARKUS_DATASOURCE_PASSWORD", settings.dbPassword());
        env.put("QUARKUS_FLYWAY_SCHEMAS", schema);
        env.put("PETWATCH_SEED_LOCATION", "classpath:seed/demo-seed.json");
        collector = Optional.of(CollectorProcess.start(settings.collectorJar(), env,
                work.resolve("collector-" + collectorStarts + ".log"), collectorPort));
    }

    private void stopCollector() {
        collector.ifPresent(CollectorProcess::close);
        collector = Optional.empty();
    }

    private Map<String, String> gatewaySettings() {
        Map<String, String> s = new HashMap<>();
        s.put("petwatch.hub.id", ChaosSettings.HUB_ID);
        s.put("petwatch.hub.token", ChaosSettings.HUB_TOKEN);
        s.put("petwatch.hub.model", "PW-HUB-2");
        s.put("petwatch.mqtt.url", broker.url());
        s.put("petwatch.mqtt.username", ChaosSettings.GATEWAY_USER);
        s.put("petwatch.mqtt.password", ChaosSettings.GATEWAY_PASSWORD);
        s.put("petwatch.collector.url", "http://127.0.0.1:" + collectorPort);
        s.put("petwatch.outbox.dir", work.resolve("outbox").toString());
        s.put("petwatch.snapshot.dir", work.resolve("snapshots").toString());
        s.put("petwatch.zone", "UTC");
        s.put("petwatch.collars.max", Integer.toString(ChaosSettings.MAX_COLLARS));
        s.put("petwatch.stats.interval-s", "5");
        s.put("petwatch.uplink.min-backoff-ms", "200");
        s.put("petwatch.uplink.max-backoff-ms", "2000");
        // Days of data stream through in minutes, so the hub clock runs far ahead of the collars' event time:
        // silence judged on the wall clock would differ from run to run. Both runs leave it out alike.
        s.put("petwatch.device.silent-hours", "8760");
        s.put("petwatch.device.offline-hours", "8760");
        return s;
    }

    private List<String> simArgs() {
        return List.of("--broker", broker.url(), "--collars", Integer.toString(settings.collars()),
                "--days", Integer.toString(settings.days()), "--start", settings.start().toString(),
                "--seed", Long.toString(settings.seed()), "--rate", Integer.toString(settings.rate()),
                "--zone", "UTC", "--lethargy-count", "4", "--delivery-timeout", "300",
                "--credentials", work.resolve("collars.credentials").toString(), "--skip", work.resolve("skip").toString(),
                "--report", work.resolve("sim-report.json").toString());
    }

    /** Waits until every published batch is taken in, the outbox is empty and the collector has decided all. */
    private void awaitQuiet(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        long expected = (long) settings.collars() * settings.batchesPerCollar() - skip.size();
        while (Instant.now().isBefore(deadline)) {
            Optional<JsonNode> s = gateway.status();
            if (s.isPresent() && RunReading.processed(settings, s.get()) >= expected
                    && s.get().path("outbox_depth").asLong() == 0 && RunReading.undecided(alerts()) == 0) {
                return;
            }
            Pause.millis(500);
        }
        Logger.warn("{}: not quiet after {} s", name, timeout.toSeconds());
    }

    private List<Map<String, Object>> alerts() {
        return collector.map(c -> new CollectorApi(c.baseUrl()).alerts()).orElse(List.of());
    }

    private RunResult measure(JsonNode sim, Instant began) {
        JsonNode status = gateway.status().orElseThrow(() -> new IllegalStateException("the gateway is not answering"));
        return new RunReading(settings, skip, status, sim, alerts()).result(plan, broker.autosaveSeconds(),
                gateway.kills(), Duration.between(began, Instant.now()).toSeconds());
    }

    private void dropSchema() {
        try (Connection c = DriverManager.getConnection(settings.jdbc(), settings.dbUser(), settings.dbPassword());
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            Logger.warn("Could not drop schema {}: {}", schema, e.getMessage());
        }
    }
}
