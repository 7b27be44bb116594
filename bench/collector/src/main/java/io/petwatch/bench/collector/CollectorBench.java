package io.petwatch.bench.collector;

import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.AlertBatch;
import io.petwatch.proto.v1.AlertKind;
import io.petwatch.proto.v1.AlertState;
import io.petwatch.proto.v1.Detector;
import io.petwatch.proto.v1.Evidence;
import io.petwatch.proto.v1.Severity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Alert ingest through the collector's REST endpoint into PostgreSQL, as hubs do it (protobuf, HTTP Basic):
 * first the most alerts per second that {@code workers} closed-loop clients get accepted, then a fixed rate of half
 * that (open loop: latency counts from when each request was due, so a stall is not hidden), then the time from
 * "alert accepted" to "SMS handed to the provider adapter" for the alerts of the fixed-rate phase, read from the
 * collector's own tables. Triage runs behind ingest; the fixed-rate phase starts once it has caught up. Usage: CollectorBench BASE_URL JDBC_URL [seconds] [workers] [alerts-per-request].
 */
public final class CollectorBench {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI alerts;
    private final String auth = "Basic " + Base64.getEncoder().encodeToString("hub-demo:demo-hub-token"
            .getBytes(StandardCharsets.UTF_8));
    private final int perRequest;

    private CollectorBench(URI base, int perRequest) {
        this.alerts = base.resolve("/api/v1/alerts");
        this.perRequest = perRequest;
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String jdbc = args[1];
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int workers = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        int perRequest = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        double fixedRate = args.length > 5 ? Double.parseDouble(args[5]) : 0; // 0: half the measured maximum
        CollectorBench bench = new CollectorBench(base, perRequest);
        Fleet fleet = Fleet.imported(base, 4000);
        bench.closedLoop(fleet.firstHalf(), workers, 5); // warm-up
        double max = bench.closedLoop(fleet.firstHalf(), workers, seconds);
        Notify.Drain drain = Notify.drain(jdbc); // the fixed-rate phase starts with nothing left to triage
        double half = fixedRate > 0 ? fixedRate : max / 2;
        Instant from = Instant.now();
        long[] latencies = bench.openLoop(fleet.secondHalf(), half, seconds);
        Instant to = Instant.now();
        Notify notify = Notify.measure(jdbc, from, to);
        Arrays.sort(latencies);
        // The report is this command's output.
        System.out.printf("max ingest: %.0f alerts/s (%d closed-loop clients, %d alert(s) per request, %d s)%n", max,
                workers, perRequest, seconds);
        System.out.printf("triage caught up %.1f s after the closed-loop phase (%d alerts decided, %.0f alerts/s)%n",
                drain.seconds(), drain.decided(), drain.decided() / Math.max(drain.seconds(), 1e-3));
        System.out.printf("at %.0f alerts/s for %d s: %d requests, latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                half, seconds, latencies.length, pct(latencies, 0.50), pct(latencies, 0.99),
                latencies[latencies.length - 1] / 1e6);
        System.out.printf("time to notify in the collector (accepted -> SMS handed to the provider adapter), %d texts:"
                + " p50 %.0f ms, p95 %.0f ms (p95 of its parts: waiting for a triage worker %.0f ms, deciding"
                + " transaction's start to handed over %.0f ms)%n", notify.texts(), notify.p50Ms(), notify.p95Ms(), notify.triageP95Ms(),
                notify.relayP95Ms());
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private byte[] batch(List<String> collars) {
        AlertBatch.Builder batch = AlertBatch.newBuilder().setHubId("hub-demo");
        Instant now = Instant.now();
        for (int i = 0; i < perRequest; i++) {
            String collar = collars.get(ThreadLocalRandom.current().nextInt(collars.size()));
            Instant start = now.minus(Duration.ofHours(48)).plusMillis(ThreadLocalRandom.current().nextInt(1_000_000));
            batch.addAlerts(Alert.newBuilder().setAlertId(UUID.randomUUID().toString()).setHubId("hub-demo")
                    .setCollarId(collar).setKind(AlertKind.LOW_ACTIVITY).setState(AlertState.FIRING)
                    .setSeverity(Severity.MEDIUM).setWindowStartMs(start.toEpochMilli())
                    .setWindowEndMs(now.toEpochMilli()).setDetectedAtMs(now.toEpochMilli())
                    .setRaisedAtMs(now.toEpochMilli())
                    .setDetector(Detector.newBuilder().setName("low-activity").setVersion("1")
                            .putParams("window_hours", "48"))
                    .setEvidence(Evidence.newBuilder().setActivityRatio(0.3f).setWornCoverage(1f))
                    .setSummary("activity at 30% of this pet's usual level for the last 48 h"));
        }
        return batch.build().toByteArray();
    }

    private boolean post(List<String> collars) {
        HttpRequest request = HttpRequest.newBuilder(alerts).timeout(Duration.ofSeconds(30))
                .header("Authorization", auth).header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch(collars))).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Alerts accepted per second by {@code workers} clients posting back to back. */
    private double closedLoop(List<String> collars, int workers, int seconds) throws InterruptedException {
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        long began = System.nanoTime();
        for (int w = 0; w < workers; w++) {
            pool.execute(() -> {
                while (System.nanoTime() < end) {
                    (post(collars) ? accepted : failed).addAndGet(perRequest);
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " alerts were not accepted");
        }
        return accepted.get() / ((System.nanoTime() - began) / 1e9);
    }

    /** Posts at a fixed rate; returns each request's latency in ns, counted from when it was due. */
    private long[] openLoop(List<String> collars, double alertsPerSecond, int seconds) throws InterruptedException {
        double requestsPerSecond = alertsPerSecond / perRequest;
        int total = (int) (requestsPerSecond * seconds);
        long interval = (long) (1e9 / requestsPerSecond);
        long[] latencies = new long[total];
        AtomicLong failed = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(64);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int slot = i;
            pool.execute(() -> {
                if (!post(collars)) {
                    failed.incrementAndGet();
                }
                latencies[slot] = System.nanoTime() - due;
            });
        }
        pool.shutdown();
        pool.awaitTermination(120, TimeUnit.SECONDS);
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " requests were not accepted");
        }
        return latencies;
    }

    static List<String> ids(int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < to; i++) {
            ids.add(String.format("bench-collar-%05d", i));
        }
        return ids;
    }
}
