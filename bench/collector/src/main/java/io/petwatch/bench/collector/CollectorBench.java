package io.petwatch.bench.collector;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The collector bench's load and measures, one step per command; bench/run-collector.sh runs them in order against
 * the packaged collector and the baseline service (bench/baseline), and starts and stops those processes between
 * steps.
 *
 * <ul>
 *   <li>{@code setup}: registers the hubs and imports the customers through the collector's HTTP API ({@link Fleet}).
 *   <li>{@code load}: closed loop against the collector and the baseline alike, every hub posting back to back on its
 *       own HTTP/1.1 connection ({@link HubClient}): a warm-up each, then measured slices alternating between the two;
 *       alerts accepted per second, latency, and CPU per alert of the server process (by kind of thread), of the
 *       PostgreSQL backends serving it and of this client, read from /proc ({@link Cpu}). With a profiler library,
 *       async-profiler records each server during the measured slices only ({@link Profiler}).
 *   <li>{@code backlog}: a fixed number of alerts uploaded as fast as the hubs can, for triage to catch up on.
 *   <li>{@code catchup}: polls the collector's backlog ({@code alerts.status = 'RECEIVED'}) until triage has decided it;
 *       the rate is the alerts decided divided by the span of their {@code processed_at}.
 *   <li>{@code notify}: open loop at a fixed rate, each alert its customer's only one, spread over the hubs (a hub
 *       that falls behind sends late, and its latency counts from when each upload was due); then the time from
 *       receipt to the text handed to the provider, from the collector's tables.
 *   <li>{@code report}: the summary and the last line.
 *   <li>{@code webhooks}: signed Stripe, EasyPost and survey webhooks from several connections ({@link WebhookLoad});
 *       prints {@code webhooks: E events stored/s}.
 * </ul>
 * Options are {@code --name=value}; every step appends its figures to the results file ({@code --results}).
 */
public final class CollectorBench {
    private final Map<String, String> options;

    private CollectorBench(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : Arrays.copyOfRange(args, 1, args.length)) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("options look like --name=value, was " + arg);
            }
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        CollectorBench bench = new CollectorBench(options);
        switch (args.length == 0 ? "" : args[0]) {
            case "setup" -> bench.setup();
            case "load" -> bench.load();
            case "backlog" -> bench.backlog();
            case "catchup" -> bench.catchUp();
            case "notify" -> bench.notifyPhase();
            case "report" -> Report.print(Path.of(bench.get("results")));
            case "webhooks" -> bench.webhooks();
            default -> throw new IllegalArgumentException("usage: CollectorBench setup|load|backlog|catchup|notify|report|webhooks"
                    + " --name=value...");
        }
        System.exit(0);
    }

    private String get(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private String get(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    private int integer(String name) {
        return Integer.parseInt(get(name));
    }

    private long pid() {
        return Long.parseLong(get("pid", "0"));
    }

    private Profiler profiler() {
        return Profiler.of(pid(), options.get("profile-lib"), options.get("profile-out"));
    }


    private void record(Map<String, Object> figures) throws IOException {
        StringBuilder out = new StringBuilder();
        figures.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        Files.writeString(Path.of(get("results")), out, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private void webhooks() throws Exception {
        double rate = new WebhookLoad(URI.create(get("base")), get("stripe-secret"), get("easypost-secret"),
                get("survey-secret")).run(integer("connections"), integer("warmup"), integer("seconds"), get("jdbc"));
        System.out.printf(Locale.ROOT, "webhooks: %.0f events stored/s%n", rate);
    }

    private void setup() throws Exception {
        int hubs = integer("hubs");
        int perRequest = integer("notify-per-request");
        // The notify set covers the warm-up pass and the measured one: every alert is its customer's only one.
        long wanted = (long) Math.ceil(Double.parseDouble(get("notify-rate"))
                * (integer("notify-seconds") + Integer.parseInt(get("notify-warmup", "0"))));
        // Every hub gets the same number of whole uploads: the fixed-rate phase visits the hubs in turn.
        int uploadsPerHub = (int) Math.ceil(wanted / (double) (perRequest * hubs));
        Fleet.create(URI.create(get("base")), hubs, integer("ingest"), uploadsPerHub * perRequest * hubs,
                Path.of(get("fleet")));
    }

    private List<HubClient> clients(Fleet fleet) {
        List<HubClient> clients = new ArrayList<>();
        fleet.hubs().forEach(h -> clients.add(new HubClient(h, URI.create(get("base")))));
        return clients;
    }

    /** One server under closed-loop load, and what its measured slices added up to. */
    private static final class Side {
        final String name;
        /** The first of {@link #pids}: the one profiled. */
        final long pid;
        /** The server's processes: one, or the instances behind a load balancer (their CPU is summed). */
        final List<Long> pids;
        final int port;
        final List<HubClient> hubs;
        final Profiler profiler;
        final Set<Long> backends = new HashSet<>();
        final List<long[]> latencies = new ArrayList<>();
        long accepted;
        long uploads;
        long measuredNanos;
        int connections;
        Cpu cpu;

        Side(String name, URI base, List<Long> pids, Fleet fleet, Profiler profiler) {
            this.name = name;
            this.pids = List.copyOf(pids);
            this.pid = pids.get(0);
            this.port = base.getPort();
            this.profiler = profiler;
            List<HubClient> clients = new ArrayList<>();
            fleet.hubs().forEach(h -> clients.add(new HubClient(h, base)));
            this.hubs = List.copyOf(clients);
        }

        void add(Cpu slice) {
            if (cpu == null) {
                cpu = slice;
                return;
            }
            Map<String, Long> threads = new java.util.LinkedHashMap<>(cpu.serverThreads());
            slice.serverThreads().forEach((k, v) -> threads.merge(k, v, Long::sum));
            cpu = new Cpu(cpu.server() + slice.server(), cpu.postgres() + slice.postgres(),
                    cpu.postgresOther() + slice.postgresOther(), cpu.client() + slice.client(),
                    cpu.machineBusy() + slice.machineBusy(), cpu.machineAll() + slice.machineAll(),
                    cpu.nanos() + slice.nanos(), threads, Map.of());
        }
    }

    /**
     * Closed loop against both servers, the same load: each gets its warm-up, then the measured seconds are split into
     * slices that alternate between them (collector, baseline, collector, ...), so a change in what else the machine
     * is doing falls on both alike. Every hub posts back to back on its own connection, which stays open between
     * slices; a slice counts the uploads completed within it.
     */
    private void load() throws Exception {
        String phase = get("phase");
        int perRequest = integer("per-request");
        int slices = Integer.parseInt(get("slices", "4"));
        long sliceNanos = integer("seconds") * 1_000_000_000L / slices;
        Fleet fleet = Fleet.load(Path.of(get("fleet")));
        String profileDir = options.get("profile-dir");
        List<Side> sides = new ArrayList<>();
        for (String name : List.of("collector", "baseline")) {
            // --collector-pid=A,B: instances behind a load balancer at --collector-base, measured as one server.
            List<Long> pids = Arrays.stream(get(name + "-pid").split(",")).map(String::strip).map(Long::parseLong)
                    .toList();
            long pid = pids.get(0);
            sides.add(new Side(name, URI.create(get(name + "-base")), pids, fleet, profileDir == null ? null
                    : Profiler.of(pid, options.get("profile-lib"), profileDir + "/" + phase + "-" + name + ".collapsed")));
        }
        try (Connection pg = Notify.connect(get("jdbc"))) {
            for (Side side : sides) {
                run(side, perRequest, integer("warmup") * 1_000_000_000L, null, pg);
            }
            for (Side side : sides) {
                if (side.profiler != null) {
                    side.profiler.start();
                }
            }
            for (int i = 0; i < slices; i++) {
                for (Side side : sides) {
                    run(side, perRequest, sliceNanos, side, pg);
                }
            }
            for (Side side : sides) {
                if (side.profiler != null) {
                    side.profiler.stop();
                }
            }
        }
        for (Side side : sides) {
            report(phase, side, perRequest, slices);
        }
    }

    /** Every hub posting back to back for {@code nanos}; counted into {@code into} unless it is a warm-up. */
    private static void run(Side side, int perRequest, long nanos, Side into, Connection pg) throws Exception {
        if (into != null) {
            addBackends(side, into, pg);
        }
        Cpu before = into == null ? null : Cpu.now(side.pids);
        long from = System.nanoTime();
        long to = from + nanos;
        AtomicLong accepted = new AtomicLong();
        AtomicLong uploads = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (HubClient hub : side.hubs) {
            Thread t = new Thread(() -> {
                long[] mine = new long[256];
                int n = 0;
                while (System.nanoTime() < to) {
                    byte[] body = hub.ingestBatch(perRequest);
                    long start = System.nanoTime();
                    try {
                        int ok = hub.post(body, perRequest);
                        long end = System.nanoTime();
                        if (end < to) {
                            accepted.addAndGet(ok);
                            uploads.incrementAndGet();
                            if (n == mine.length) {
                                mine = Arrays.copyOf(mine, n * 2);
                            }
                            mine[n++] = end - start;
                        }
                    } catch (IOException e) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, hub.hub.id() + ": " + e);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                synchronized (latencies) {
                    latencies.add(Arrays.copyOf(mine, n));
                }
            }, hub.hub.id());
            threads.add(t);
            t.start();
        }
        if (into != null) {
            sleepUntil(from + nanos / 2);
            into.connections = Math.max(into.connections, Cpu.connectionsTo(side.port));
            addBackends(side, into, pg);
        }
        sleepUntil(to);
        Cpu after = into == null ? null : Cpu.now(side.pids);
        for (Thread t : threads) {
            t.join(120_000);
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(side.name + ": " + failures.get() + " uploads failed; the first: "
                    + firstFailure.get());
        }
        if (into != null) {
            addBackends(side, into, pg);
            into.add(after.minus(before, into.backends));
            into.measuredNanos += nanos;
            into.accepted += accepted.get();
            into.uploads += uploads.get();
            into.latencies.addAll(latencies);
        }
    }

    private static void addBackends(Side side, Side into, Connection pg) throws java.sql.SQLException {
        for (long pid : side.pids) {
            into.backends.addAll(Cpu.backendsOf(pid, pg));
        }
    }

    private void report(String phase, Side side, int perRequest, int slices) throws IOException {
        String key = phase + "." + side.name;
        Cpu cpu = side.cpu;
        long[] all = side.latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        double seconds = side.measuredNanos / 1e9;
        double rate = side.accepted / seconds;
        System.out.printf(Locale.ROOT, "  %-9s %d hubs (%d connections open), %d alert(s) per upload, %.0f s in %d"
                + " slices: %,.0f alerts/s (%,.0f uploads/s), latency p50 %.1f ms, p99 %.1f ms; CPU per alert: server"
                + " %.3f ms, its PostgreSQL backends %.3f ms, client %.3f ms; cores busy: server %.2f, its PostgreSQL"
                + " backends %.2f, client %.2f, other PostgreSQL processes %.2f, other processes %.2f (of %d)%n",
                side.name, side.hubs.size(), side.connections, perRequest, seconds, slices, rate,
                side.uploads / seconds, pct(all, 0.5), pct(all, 0.99), Cpu.msPer(cpu.server(), side.accepted),
                Cpu.msPer(cpu.postgres(), side.accepted), Cpu.msPer(cpu.client(), side.accepted),
                cpu.cores(cpu.server()), cpu.cores(cpu.postgres()), cpu.cores(cpu.client()),
                cpu.cores(cpu.postgresOther()), cpu.cores(cpu.machineBusy() - cpu.server() - cpu.postgres()
                        - cpu.client() - cpu.postgresOther()), Runtime.getRuntime().availableProcessors());
        System.out.println("            server threads, CPU per alert: " + threadLine(cpu, side.accepted));
        Map<String, Object> figures = new java.util.LinkedHashMap<>();
        cpu.serverThreads().forEach((kind, ticks) -> figures.put(key + ".threads." + kind.replaceAll("[ /]", "_"), ticks));
        figures.put(key + ".rate", String.format(Locale.ROOT, "%.1f", rate));
        figures.put(key + ".alerts", side.accepted);
        figures.put(key + ".uploads", side.uploads);
        figures.put(key + ".seconds", String.format(Locale.ROOT, "%.3f", cpu.seconds()));
        figures.put(key + ".hubs", side.hubs.size());
        figures.put(key + ".connections", side.connections);
        figures.put(key + ".per_request", perRequest);
        figures.put(key + ".p50_ms", String.format(Locale.ROOT, "%.2f", pct(all, 0.5)));
        figures.put(key + ".p99_ms", String.format(Locale.ROOT, "%.2f", pct(all, 0.99)));
        figures.put(key + ".server_ticks", cpu.server());
        figures.put(key + ".pg_ticks", cpu.postgres());
        figures.put(key + ".pg_other_ticks", cpu.postgresOther());
        figures.put(key + ".client_ticks", cpu.client());
        figures.put(key + ".machine_busy_ticks", cpu.machineBusy());
        figures.put(key + ".machine_all_ticks", cpu.machineAll());
        record(figures);
    }

    /** Uploads a fixed number of alerts as fast as the hubs can, for triage to catch up on later. */
    private void backlog() throws Exception {
        int perRequest = integer("per-request");
        long wanted = Long.parseLong(get("alerts"));
        List<HubClient> hubs = clients(Fleet.load(Path.of(get("fleet"))));
        AtomicLong reserved = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        AtomicReference<String> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long began = System.nanoTime();
        for (HubClient hub : hubs) {
            Thread t = new Thread(() -> {
                while (failure.get() == null && reserved.addAndGet(perRequest) <= wanted) {
                    try {
                        accepted.addAndGet(hub.post(hub.ingestBatch(perRequest), perRequest));
                    } catch (IOException e) {
                        failure.compareAndSet(null, hub.hub.id() + ": " + e);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, hub.hub.id());
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a backlog upload failed: " + failure.get());
        }
        System.out.printf(Locale.ROOT, "  backlog: %,d alerts uploaded in %.1f s (%d per upload)%n", accepted.get(),
                (System.nanoTime() - began) / 1e9, perRequest);
    }

    /** Triage catching up on the backlog the ingest phases left: polled until nothing is RECEIVED. */
    private void catchUp() throws Exception {
        Instant since = Instant.ofEpochMilli(Long.parseLong(get("since-ms")));
        try (Connection c = Notify.connect(get("jdbc"))) {
            Profiler profiler = profiler();
            if (profiler != null) {
                profiler.start();
            }
            Cpu before = Cpu.now(pid());
            Set<Long> backends = new HashSet<>(Cpu.backendsOf(pid(), c));
            long backlog = Notify.received(c);
            long began = System.nanoTime();
            long last = backlog;
            long firstDrop = 0;
            long lastDrop = began;
            int polls = 0;
            while (last > 0) {
                if (System.nanoTime() - began > 1_800_000_000_000L) {
                    throw new IllegalStateException("triage did not catch up within 30 minutes: " + last + " left");
                }
                Thread.sleep(100);
                if (++polls % 20 == 0) { // the pool may open connections while it works
                    backends.addAll(Cpu.backendsOf(pid(), c));
                }
                long now = Notify.received(c);
                if (now < last) {
                    lastDrop = System.nanoTime();
                    if (firstDrop == 0) {
                        firstDrop = lastDrop;
                    }
                }
                last = now;
            }
            Cpu after = Cpu.now(pid());
            backends.addAll(Cpu.backendsOf(pid(), c));
            Cpu cpu = after.minus(before, backends);
            if (profiler != null) {
                profiler.stop();
            }
            Notify.Decided decided = Notify.decidedSince(c, since);
            double rate = decided.count() / Math.max(decided.spanSeconds(), 1e-3);
            double polled = backlog / Math.max((lastDrop - began) / 1e9, 1e-3);
            System.out.printf(Locale.ROOT, "  catch-up: %,d alerts decided by the restarted collector, processed_at"
                    + " spanning %.2f s: %,.0f alerts/s (%s; the middle 80%% of them: %,.0f alerts/s); by polling count(status = 'RECEIVED') every 100 ms: %,d"
                    + " left when polling began, 0 after %.1f s: %,.0f alerts/s; CPU per decided alert (polled"
                    + " window): collector %.3f ms, its PostgreSQL backends %.3f ms%n", decided.count(), decided.spanSeconds(), rate,
                    decided.byStatus(), decided.middleRate(), backlog, (lastDrop - began) / 1e9, polled, Cpu.msPer(cpu.server(), backlog),
                    Cpu.msPer(cpu.postgres(), backlog));
            System.out.println("            collector threads, CPU per decided alert: " + threadLine(cpu, backlog));
            Map<String, Object> figures = new java.util.LinkedHashMap<>();
            figures.put("triage.rate", String.format(Locale.ROOT, "%.1f", rate));
            figures.put("triage.decided", decided.count());
            figures.put("triage.span_s", String.format(Locale.ROOT, "%.3f", decided.spanSeconds()));
            figures.put("triage.middle_rate", String.format(Locale.ROOT, "%.1f", decided.middleRate()));
            figures.put("triage.polled_rate", String.format(Locale.ROOT, "%.1f", polled));
            figures.put("triage.polled_backlog", backlog);
            figures.put("triage.server_ticks", cpu.server());
            figures.put("triage.pg_ticks", cpu.postgres());
            record(figures);
        }
    }

    /**
     * Open loop at a fixed rate over the notify set: one alert per customer, then the time to notify. A first pass at
     * the same rate ({@code --notify-warmup} seconds, on customers of its own) warms the JIT up on this path, which the
     * catch-up alone does not (in the measured pass of a fresh JVM the compiler threads took a third of its CPU); the
     * queue and the relay settle before the measured pass starts, and only that pass is counted.
     */
    private void notifyPhase() throws Exception {
        double rate = Double.parseDouble(get("rate"));
        int perRequest = integer("per-request");
        int warmupSeconds = Integer.parseInt(get("notify-warmup", "0"));
        Fleet fleet = Fleet.load(Path.of(get("fleet")));
        try (Connection c = Notify.connect(get("jdbc"))) {
            double settled = Notify.settle(c, 1800);
            System.out.printf(Locale.ROOT, "  (waited %.1f s for triage and relay to be idle before the fixed-rate"
                    + " phase)%n", settled);
            List<HubClient> hubs = clients(fleet);
            int hubCount = hubs.size();
            int uploadsPerHub = fleet.hubs().get(0).notifyCollars().size() / perRequest;
            int warmupUploads = (int) Math.min(uploadsPerHub - 1L,
                    (long) Math.ceil(rate * warmupSeconds / (perRequest * (double) hubCount)));
            if (warmupUploads > 0) {
                long[] warm = fixedRate(hubs, 0, warmupUploads, perRequest, rate);
                System.out.printf(Locale.ROOT, "  warm-up pass: %,d alerts at %,.0f/s (upload latency from due time"
                        + " p99 %.1f ms), then %.1f s until triage and relay were idle%n",
                        (long) warmupUploads * hubCount * perRequest, rate, pct(warm, 0.99), Notify.settle(c, 1800));
            }
            Instant measuredFrom = Instant.now().minusMillis(1);
            int total = (uploadsPerHub - warmupUploads) * hubCount;
            double interval = perRequest / rate * 1e9;
            Cpu before = Cpu.now(pid());
            Set<Long> backends = new HashSet<>(Cpu.backendsOf(pid(), c));
            long start = System.nanoTime();
            long[] latency = fixedRate(hubs, warmupUploads, uploadsPerHub - warmupUploads, perRequest, rate);
            double sending = (System.nanoTime() - start) / 1e9;
            backends.addAll(Cpu.backendsOf(pid(), c));
            double settledAfter = Notify.settle(c, 1800);
            Cpu after = Cpu.now(pid());
            backends.addAll(Cpu.backendsOf(pid(), c));
            Cpu cpu = after.minus(before, backends);
            Notify.TimeToNotify t = Notify.timeToNotify(c, measuredFrom);
            long alerts = (long) total * perRequest;
            System.out.printf(Locale.ROOT, "  fixed rate: %,.0f alerts/s offered for %.1f s (%,d uploads of %d alerts"
                    + " from %d hubs, each alert its customer's only one): upload latency from due time p50 %.1f ms,"
                    + " p99 %.1f ms, max %.1f ms; sending took %.1f s, everything decided and sent %.1f s later%n",
                    rate, total * interval / 1e9, total, perRequest, hubCount, pct(latency, 0.5), pct(latency, 0.99),
                    latency[latency.length - 1] / 1e6, sending, settledAfter);
            System.out.printf(Locale.ROOT, "  time to notify (alerts.received_at -> messages.sent_at of the case it"
                    + " opened): %,d of %,d alerts texted %s: p50 %.0f ms, p95 %.0f ms, max %.0f ms (p95 of"
                    + " received -> processed_at: %.0f ms); CPU per alert, ingest + triage + relay: collector %.3f ms,"
                    + " its PostgreSQL backends %.3f ms%n", t.texted(), t.alerts(), t.byStatus(), t.p50Ms(), t.p95Ms(), t.maxMs(),
                    t.decidedP95Ms(), Cpu.msPer(cpu.server(), alerts), Cpu.msPer(cpu.postgres(), alerts));
            System.out.println("            collector threads, CPU per alert: " + threadLine(cpu, alerts));
            Map<String, Object> figures = new java.util.LinkedHashMap<>();
            figures.put("notify.rate", String.format(Locale.ROOT, "%.0f", rate));
            figures.put("notify.seconds", String.format(Locale.ROOT, "%.1f", total * interval / 1e9));
            figures.put("notify.per_request", perRequest);
            figures.put("notify.alerts", t.alerts());
            figures.put("notify.texted", t.texted());
            figures.put("notify.p50_ms", String.format(Locale.ROOT, "%.1f", t.p50Ms()));
            figures.put("notify.p95_ms", String.format(Locale.ROOT, "%.1f", t.p95Ms()));
            figures.put("notify.upload_p99_ms", String.format(Locale.ROOT, "%.1f", pct(latency, 0.99)));
            record(figures);
        }
    }

    /**
     * Uploads {@code uploads} batches per hub of the notify set, from upload {@code first} of each hub on, at a fixed
     * total rate (open loop: each upload has a due time, the hubs in turn); the sorted latencies from due time.
     */
    private static long[] fixedRate(List<HubClient> hubs, int first, int uploads, int perRequest, double rate)
            throws InterruptedException {
        int hubCount = hubs.size();
        int total = uploads * hubCount;
        double interval = perRequest / rate * 1e9;
        long[] latency = new long[total];
        AtomicLong failures = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime() + 200_000_000L;
        for (int h = 0; h < hubCount; h++) {
            HubClient hub = hubs.get(h);
            int index = h;
            Thread t = new Thread(() -> {
                List<String> collars = hub.hub.notifyCollars();
                for (int m = 0; m < uploads; m++) {
                    int slot = m * hubCount + index;
                    long due = start + (long) (slot * interval);
                    int from = (first + m) * perRequest;
                    byte[] body = hub.batchFor(collars.subList(from, from + perRequest));
                    try {
                        sleepUntil(due);
                        hub.post(body, perRequest);
                    } catch (IOException e) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, hub.hub.id() + ": " + e);
                    } catch (InterruptedException e) {
                        return;
                    }
                    latency[slot] = System.nanoTime() - due;
                }
            }, hub.hub.id());
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " uploads failed; the first: " + firstFailure.get());
        }
        Arrays.sort(latency);
        return latency;
    }

    /** The server's CPU per unit by kind of thread. */
    static String threadLine(Cpu cpu, long units) {
        StringBuilder line = new StringBuilder();
        cpu.serverThreads().forEach((kind, ticks) -> line.append(line.length() == 0 ? "" : ", ").append(kind)
                .append(String.format(Locale.ROOT, " %.3f ms", Cpu.msPer(ticks, units))));
        return line.toString();
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))] / 1e6;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** The results file's figures, summarised. */
    static final class Report {
        private Report() {
        }

        static void print(Path results) throws IOException {
            Properties p = new Properties();
            try (var in = Files.newBufferedReader(results)) {
                p.load(in);
            }
            double r1 = ratio(p, "single");
            double r2 = ratio(p, "batched100");
            System.out.println();
            System.out.println("Summary (" + results + ")");
            for (String phase : List.of("single", "batched100")) {
                for (String side : List.of("collector", "baseline")) {
                    String k = phase + "." + side;
                    if (p.getProperty(k + ".rate") == null) {
                        continue;
                    }
                    long alerts = Long.parseLong(p.getProperty(k + ".alerts"));
                    System.out.printf(Locale.ROOT, "  %-10s %-9s %,10.0f alerts/s  CPU/alert: JVM %.3f ms,"
                            + " its PostgreSQL backends %.3f ms, bench client %.3f ms  (%s hubs, p99 %s ms; other processes used %.2f"
                            + " cores, other PostgreSQL processes %.2f)%n", phase, side,
                            Double.parseDouble(p.getProperty(k + ".rate")),
                            Cpu.msPer(Long.parseLong(p.getProperty(k + ".server_ticks")), alerts),
                            Cpu.msPer(Long.parseLong(p.getProperty(k + ".pg_ticks")), alerts),
                            Cpu.msPer(Long.parseLong(p.getProperty(k + ".client_ticks")), alerts),
                            p.getProperty(k + ".connections"), p.getProperty(k + ".p99_ms"),
                            (Long.parseLong(p.getProperty(k + ".machine_busy_ticks"))
                                    - Long.parseLong(p.getProperty(k + ".server_ticks"))
                                    - Long.parseLong(p.getProperty(k + ".pg_ticks"))
                                    - Long.parseLong(p.getProperty(k + ".client_ticks"))
                                    - Long.parseLong(p.getProperty(k + ".pg_other_ticks"))) * Cpu.MS_PER_TICK / 1000
                                    / Double.parseDouble(p.getProperty(k + ".seconds")),
                            Long.parseLong(p.getProperty(k + ".pg_other_ticks")) * Cpu.MS_PER_TICK / 1000
                                    / Double.parseDouble(p.getProperty(k + ".seconds")));
                }
                String c = phase + ".collector.";
                String b = phase + ".baseline.";
                if (p.getProperty(c + "alerts") != null && p.getProperty(b + "alerts") != null) {
                    System.out.printf(Locale.ROOT, "  %-10s collector/baseline: rate %.2f, JVM CPU per alert %.1fx"
                            + " (event loops + executor threads only: %.1fx), PostgreSQL backends' CPU per alert %.1fx%n",
                            phase, ratio(p, phase), perAlert(p, c, "server_ticks") / perAlert(p, b, "server_ticks"),
                            (perAlert(p, c, "threads.event_loops") + perAlert(p, c, "threads.executor_threads"))
                                    / (perAlert(p, b, "threads.event_loops")
                                    + perAlert(p, b, "threads.executor_threads")),
                            perAlert(p, c, "pg_ticks") / perAlert(p, b, "pg_ticks"));
                }
            }
            String x = p.getProperty("triage.rate");
            String t = p.getProperty("notify.p95_ms");
            if (x != null) {
                System.out.printf(Locale.ROOT, "  triage catch-up: %,.0f alerts/s (%s alerts decided / span of their"
                        + " processed_at; the middle 80%%: %s/s; polling count(status = 'RECEIVED'): %s/s)%n",
                        Double.parseDouble(x), p.getProperty("triage.decided"), p.getProperty("triage.middle_rate"),
                        p.getProperty("triage.polled_rate"));
            }
            if (t != null) {
                System.out.printf(Locale.ROOT, "  notify: %s alerts/s for %s s, %s alerts per upload: %s of %s texted,"
                        + " p50 %s ms, p95 %s ms%n", p.getProperty("notify.rate"), p.getProperty("notify.seconds"),
                        p.getProperty("notify.per_request"), p.getProperty("notify.texted"),
                        p.getProperty("notify.alerts"), p.getProperty("notify.p50_ms"), t);
            }
            String s1 = p.getProperty("x2.single.collector.rate");
            String s100 = p.getProperty("x2.batched100.collector.rate");
            if (s1 != null || s100 != null) {
                // Two collectors behind HAProxy on the same schema (ingest only), each ratio against the baseline
                // measured in the slices alternating with them.
                System.out.printf(Locale.ROOT, "instances 2: single %s alerts/s (%.2fx of baseline), batched100 %s"
                        + " alerts/s (%.2fx)%n", s1 == null ? "-" : String.format(Locale.ROOT, "%.0f",
                        Double.parseDouble(s1)), ratio(p, "x2.single"), s100 == null ? "-"
                        : String.format(Locale.ROOT, "%.0f", Double.parseDouble(s100)), ratio(p, "x2.batched100"));
            }
            System.out.printf(Locale.ROOT, "collector/baseline single %.2f, batched100 %.2f, triage %d/s, notify p95 %d ms%n",
                    r1, r2, x == null ? -1 : Math.round(Double.parseDouble(x)),
                    t == null ? -1 : Math.round(Double.parseDouble(t)));
        }

        private static double perAlert(Properties p, String prefix, String ticks) {
            return Cpu.msPer(Long.parseLong(p.getProperty(prefix + ticks)), Long.parseLong(p.getProperty(prefix + "alerts")));
        }

        private static double ratio(Properties p, String phase) {
            String c = p.getProperty(phase + ".collector.rate");
            String b = p.getProperty(phase + ".baseline.rate");
            return c == null || b == null ? Double.NaN : Double.parseDouble(c) / Double.parseDouble(b);
        }
    }
}
