import io.petwatch.bench.baseline.BaselineRows;
import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.AlertKind;
import io.petwatch.proto.v1.AlertState;
import io.petwatch.proto.v1.Detector;
import io.petwatch.proto.v1.Evidence;
import io.petwatch.proto.v1.Severity;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * PostgreSQL's cost of storing hub alerts, without HTTP or a JVM server in the way: the collector's own statement
 * ({@code AlertRows.store}, called through reflection on the packaged collector's classes, on a schema its Flyway
 * migrations built) against the baseline service's INSERT batch, from N connections at once, on the local PostgreSQL.
 * Reports per stored alert the CPU of the PostgreSQL backends serving those connections (/proc, 10 ms ticks) and what
 * the WAL and the buffer manager did meanwhile (pg_stat_wal, pg_stat_bgwriter: these count the whole server, so run
 * it on an otherwise idle PostgreSQL). Variant {@code collector-all-episodes} adds back V8's index of every alert by
 * (collar, kind, window start), which V30 made an index of RESOLVED alerts only. Run it through bench/insert-cost.sh.
 */
public final class InsertCost {
    private static final String URL = System.getenv().getOrDefault("PETWATCH_BENCH_JDBC_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    private static final int COLLARS = 62;
    private static final Alert TEMPLATE = Alert.newBuilder().setKind(AlertKind.LOW_ACTIVITY)
            .setState(AlertState.FIRING).setSeverity(Severity.MEDIUM)
            .setDetector(Detector.newBuilder().setName("low-activity").setVersion("1").putParams("window_hours", "48"))
            .setEvidence(Evidence.newBuilder().setActivityRatio(0.3f).setWornCoverage(1f))
            .setSummary("activity at 30% of this pet's usual level for the last 48 h").build();
    private static final String PARAMS = "{\"window_hours\":\"48\"}";

    private InsertCost() {
    }

    /** One way of storing an upload, on one connection. */
    private interface Store {
        void upload(List<Alert> alerts) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>(Map.of("--threads", "16", "--uploads", "20000", "--size", "100",
                "--rounds", "1", "--variants", "collector,collector-all-episodes,baseline"));
        for (int i = 0; i < args.length; i += 2) {
            if (!opt.containsKey(args[i]) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown or incomplete option " + args[i] + "; options: " + opt.keySet());
            }
            opt.put(args[i], args[i + 1]);
        }
        int threads = Integer.parseInt(opt.get("--threads"));
        int uploads = Integer.parseInt(opt.get("--uploads")) / threads * threads;
        int size = Integer.parseInt(opt.get("--size"));
        List<String> variants = List.of(opt.get("--variants").split(","));
        System.out.printf(Locale.ROOT, "insert cost: %d connections, %d uploads of %d alert(s) per variant and round, "
                + "PostgreSQL %s%n", threads, uploads, size, scalar("SHOW server_version"));
        for (int round = 1; round <= Integer.parseInt(opt.get("--rounds")); round++) {
            for (String variant : variants) {
                String schema = "petwatch_insert_cost_" + ProcessHandle.current().pid() + "_" + variant.replace('-', '_');
                try {
                    prepare(variant, schema);
                    measure(variant, schema, round, threads, uploads, size);
                } finally {
                    execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
    }

    private static void prepare(String variant, String schema) throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        execute("CREATE SCHEMA " + schema);
        switch (variant) {
            case "baseline" -> execute(BaselineRows.createTable(schema + ".baseline_alerts"));
            case "collector", "collector-all-episodes" -> {
                Flyway.configure().dataSource(URL, null, null).schemas(schema).defaultSchema(schema)
                        .locations("classpath:db/migration").load().migrate();
                execute("SET search_path = " + schema + "; INSERT INTO hubs (id, token_sha256) VALUES ('hub-1', 'x');"
                        + " INSERT INTO collars (id, hub_id) SELECT 'collar-' || g, 'hub-1' FROM generate_series(0, "
                        + (COLLARS - 1) + ") g");
                if (variant.equals("collector-all-episodes")) {
                    execute("SET search_path = " + schema + "; CREATE INDEX alerts_episode ON alerts (collar_id, kind, window_start)");
                }
            }
            default -> throw new IllegalArgumentException("unknown variant " + variant
                    + " (collector, collector-all-episodes, baseline)");
        }
    }

    private static void measure(String variant, String schema, int round, int threads, int uploads, int size)
            throws Exception {
        List<Connection> connections = new ArrayList<>();
        List<Long> backends = new ArrayList<>();
        List<Store> stores = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Connection c = DriverManager.getConnection(URL + "&currentSchema=" + schema);
            connections.add(c);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                backends.add(rs.getLong(1));
            }
            stores.add(variant.equals("baseline") ? baseline(c) : collector(c));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            run(pool, stores, 30 * threads, size); // server-side prepared statements, caches
            long[] before = serverStats();
            long cpu = backendTicks(backends);
            run(pool, stores, uploads, size);
            cpu = backendTicks(backends) - cpu;
            long[] after = serverStats();
            double alerts = (double) uploads * size;
            // Every alert must have been stored: a refused or skipped one would make the cost per alert look smaller.
            String table = variant.equals("baseline") ? "baseline_alerts" : "alerts";
            long rows = Long.parseLong(scalar("SELECT count(*) FROM " + schema + "." + table));
            if (rows != (30L * threads + uploads) * size) {
                throw new IllegalStateException(variant + " stored " + rows + " rows, expected "
                        + (30L * threads + uploads) * size);
            }
            System.out.printf(Locale.ROOT, "  %-24s round %d: PostgreSQL backends' CPU %.4f ms an alert; WAL %.0f bytes,"
                            + " %.3f full-page images, %.3f buffers written by backends an alert; %d checkpoints%n",
                    variant, round, cpu * 10.0 / alerts, (after[0] - before[0]) / alerts,
                    (after[1] - before[1]) / alerts, (after[2] - before[2]) / alerts, after[3] - before[3]);
        } finally {
            pool.shutdown();
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    private static void run(ExecutorService pool, List<Store> stores, int uploads, int size) throws Exception {
        List<Future<?>> running = new ArrayList<>();
        for (Store store : stores) {
            running.add(pool.submit(() -> {
                for (int i = 0; i < uploads / stores.size(); i++) {
                    store.upload(alerts(size));
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
    }

    /** The collector's own {@code AlertRows.store}: one statement an upload, joined to the hub's collars. */
    private static Store collector(Connection c) throws ReflectiveOperationException {
        Method store = Class.forName("io.petwatch.collector.ingest.AlertRows").getDeclaredMethod("store",
                Handle.class, String.class, String.class, List.class, List.class, Instant.class);
        store.setAccessible(true);
        Handle handle = Jdbi.open(c);
        return alerts -> {
            List<?> stored = (List<?>) store.invoke(null, handle, "hub-1", "", alerts,
                    alerts.stream().map(a -> PARAMS).toList(), Instant.now());
            if (stored.size() != alerts.size()) {
                throw new IllegalStateException("the collector answered for " + stored.size() + " of " + alerts.size());
            }
        };
    }

    /** The baseline service's statement ({@code BaselineRows}, shared with it): one INSERT per alert, one JDBC batch. */
    private static Store baseline(Connection c) {
        return alerts -> {
            try (PreparedStatement s = c.prepareStatement(BaselineRows.insert("baseline_alerts"))) {
                for (Alert a : alerts) {
                    BaselineRows.addToBatch(s, a, "hub-1");
                }
                s.executeBatch();
            }
        };
    }

    /** New alerts as the collector bench's hubs send them: random ids, the hub's collars round-robin. */
    private static List<Alert> alerts(int size) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long now = System.currentTimeMillis();
        List<Alert> alerts = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            alerts.add(TEMPLATE.toBuilder().setAlertId(UUID.randomUUID().toString()).setHubId("hub-1")
                    .setCollarId("collar-" + random.nextInt(COLLARS))
                    .setWindowStartMs(now - 48 * 3_600_000L + random.nextInt(1_000_000)).setWindowEndMs(now)
                    .setDetectedAtMs(now).setRaisedAtMs(now).build());
        }
        return alerts;
    }

    /** WAL bytes, full-page images, buffers written by backends, checkpoints: server-wide counters. */
    private static long[] serverStats() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT w.wal_bytes::bigint, w.wal_fpi, b.buffers_backend,"
                     + " b.checkpoints_req + b.checkpoints_timed FROM pg_stat_wal w, pg_stat_bgwriter b")) {
            rs.next();
            return new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)};
        }
    }

    /** User plus system CPU ticks of the given backends (PostgreSQL on this machine). */
    private static long backendTicks(List<Long> pids) throws Exception {
        long ticks = 0;
        for (long pid : pids) {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }
        return ticks;
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String scalar(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
