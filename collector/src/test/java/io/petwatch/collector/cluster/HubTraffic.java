package io.petwatch.collector.cluster;

import com.google.protobuf.InvalidProtocolBufferException;
import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.AlertBatch;
import io.petwatch.proto.v1.AlertBatchResult;
import io.petwatch.proto.v1.AlertKind;
import io.petwatch.proto.v1.AlertResult;
import io.petwatch.proto.v1.AlertState;
import io.petwatch.proto.v1.Detector;
import io.petwatch.proto.v1.Evidence;
import io.petwatch.proto.v1.Severity;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Hubs uploading LOW_ACTIVITY FIRING alerts through the load balancer, as a hub's outbox does: an alert is sent again
 * until the collector has answered for it (ACCEPTED or DUPLICATE); a connection error, a 5xx from the proxy or a 429
 * only means "later". Every collar gets one MEDIUM alert; some also get a HIGH alert of the same episode (its own
 * alert id), uploaded separately, so two instances may decide the same episode at once. Some uploads are re-sent
 * after they were answered (a hub whose delete of the outbox file was lost): all DUPLICATE.
 *
 * <p>Uploads are scheduled over a spread of time, on a few threads (no sleeping: retries are rescheduled).
 */
final class HubTraffic implements AutoCloseable {
    private static final Duration RETRY_AFTER = Duration.ofMillis(300);

    /** One upload: a hub's batch of alerts, sent until every alert in it is answered for. */
    private record Upload(Fleet.Hub hub, List<Alert> alerts, boolean resend) {
    }

    /** How the collectors answered for one alert, first time. */
    record Answer(AlertResult.Outcome outcome, String servedBy, Instant at) {
    }

    private final HttpClient http;
    private final URI alertsUrl;
    private final Random random;
    private final ScheduledExecutorService scheduler;
    private final List<Upload> planned = new ArrayList<>();
    private final Map<String, Alert> sent = new ConcurrentHashMap<>();
    private final Map<String, Answer> answered = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    private final Map<String, String> acceptedBy = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> servedBy = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final List<String> refusals = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicInteger uploadsDone = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger retried = new AtomicInteger();
    private final AtomicInteger resends = new AtomicInteger();
    private final double resendShare;
    private volatile Instant lastFailure;

    HubTraffic(HttpClient http, URI proxy, long seed, int threads, double resendShare) {
        this.http = http;
        this.alertsUrl = proxy.resolve("/api/v1/alerts");
        this.random = new Random(seed);
        this.resendShare = resendShare;
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(threads, r -> {
            Thread t = new Thread(r, "cluster-it-hub");
            t.setDaemon(true);
            return t;
        });
        pool.setRemoveOnCancelPolicy(true);
        this.scheduler = pool;
    }

    /**
     * Plans every collar's alert, plus a second (HIGH) alert of the same episode for every {@code highEvery}-th
     * collar, in uploads of 1 to 5 alerts of one hub.
     */
    void plan(List<Fleet.Hub> hubs, int highEvery) {
        Instant now = Instant.now();
        Instant episode = now.minus(Duration.ofHours(48)).truncatedTo(ChronoUnit.HOURS);
        int n = 0;
        for (Fleet.Hub hub : hubs) {
            List<Alert> medium = new ArrayList<>();
            List<Alert> high = new ArrayList<>();
            for (Fleet.Collar collar : hub.collars()) {
                medium.add(alert(hub.id(), collar.id(), Severity.MEDIUM, 0.35f, episode, now));
                if (n++ % highEvery == 0) {
                    high.add(alert(hub.id(), collar.id(), Severity.HIGH, 0.2f, episode, now));
                }
            }
            chunk(hub, medium);
            chunk(hub, high);
        }
        Collections.shuffle(planned, random);
    }

    private void chunk(Fleet.Hub hub, List<Alert> alerts) {
        List<Alert> left = new ArrayList<>(alerts);
        Collections.shuffle(left, random);
        int[] sizes = {1, 1, 1, 2, 3, 5};
        while (!left.isEmpty()) {
            int size = Math.min(left.size(), sizes[random.nextInt(sizes.length)]);
            planned.add(new Upload(hub, List.copyOf(left.subList(0, size)), false));
            left.subList(0, size).clear();
        }
    }

    private static Alert alert(String hub, String collar, Severity severity, float ratio, Instant episode, Instant now) {
        return Alert.newBuilder().setAlertId(UUID.randomUUID().toString()).setHubId(hub).setCollarId(collar)
                .setKind(AlertKind.LOW_ACTIVITY).setState(AlertState.FIRING).setSeverity(severity)
                .setWindowStartMs(episode.toEpochMilli()).setWindowEndMs(now.toEpochMilli())
                .setDetectedAtMs(now.toEpochMilli()).setRaisedAtMs(now.toEpochMilli())
                .setDetector(Detector.newBuilder().setName("low-activity").setVersion("1"))
                .setEvidence(Evidence.newBuilder().setActivityRatio(ratio).setWornCoverage(1f))
                .setSummary("activity at " + Math.round(ratio * 100) + "% of this pet's usual level for 48 h").build();
    }

    int plannedUploads() {
        return planned.size();
    }

    int plannedAlerts() {
        return planned.stream().mapToInt(u -> u.alerts().size()).sum();
    }

    /** Schedules every planned upload evenly over {@code spread}, starting now. */
    void start(Duration spread) {
        long step = spread.toMillis() * 1000 / Math.max(1, planned.size());
        for (int i = 0; i < planned.size(); i++) {
            outstanding.incrementAndGet();
            Upload upload = planned.get(i);
            scheduler.schedule(() -> attempt(upload), i * step, TimeUnit.MICROSECONDS);
        }
    }

    private void attempt(Upload upload) {
        List<Alert> open = upload.alerts().stream().filter(a -> !answeredFor(upload, a)).toList();
        if (open.isEmpty()) {
            finished(upload, false);
            return;
        }
        open.forEach(a -> sent.putIfAbsent(a.getAlertId(), a));
        AlertBatch batch = AlertBatch.newBuilder().setHubId(upload.hub().id()).addAllAlerts(open).build();
        String basic = Base64.getEncoder().encodeToString((upload.hub().id() + ":" + upload.hub().token())
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(alertsUrl).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-protobuf")
                .header("Accept", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch.toByteArray())).build();
        requests.incrementAndGet();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            String server = response.headers().firstValue("X-Served-By").orElse("?");
            int status = response.statusCode();
            if (status == 200) {
                servedBy.computeIfAbsent(server, k -> new AtomicInteger()).incrementAndGet();
                record(upload, AlertBatchResult.parseFrom(response.body()), server);
            } else if (status >= 500 || status == 429) {
                failed("HTTP " + status + (server.equals("?") ? "" : " from " + server));
            } else {
                refusals.add("upload of " + open.size() + " alert(s) from " + upload.hub().id() + " answered " + status
                        + ": " + new String(response.body(), StandardCharsets.UTF_8));
                finished(upload, false); // a refusal for good is a test failure, reported by refusals()
                return;
            }
        } catch (IOException e) {
            failed(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (upload.alerts().stream().allMatch(a -> answeredFor(upload, a))) {
            finished(upload, true);
        } else {
            retried.incrementAndGet();
            scheduler.schedule(() -> attempt(upload), RETRY_AFTER.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    // A re-sent upload is answered for once this resend got its own answer (DUPLICATE expected), not by the original.
    private final Set<String> resendAnswered = ConcurrentHashMap.newKeySet();

    private boolean answeredFor(Upload upload, Alert alert) {
        return upload.resend() ? resendAnswered.contains(alert.getAlertId()) : answered.containsKey(alert.getAlertId());
    }

    /**
     * Runs {@code action} once, on the uploading thread, right after {@code server} next answers an upload with an
     * alert ACCEPTED: the moment that alert is stored but most likely not yet decided.
     */
    void onNextAcceptedBy(String server, Runnable action) {
        trigger.set(new Trigger(server, action));
    }

    private record Trigger(String server, Runnable action) {
    }

    private final AtomicReference<Trigger> trigger = new AtomicReference<>();

    private void record(Upload upload, AlertBatchResult result, String server) {
        recordResults(upload, result, server);
        Trigger armed = trigger.get();
        if (armed != null && armed.server().equals(server) && result.getResultsList().stream()
                .anyMatch(r -> r.getOutcome() == AlertResult.Outcome.ACCEPTED) && trigger.compareAndSet(armed, null)) {
            armed.action().run();
        }
    }

    private void recordResults(Upload upload, AlertBatchResult result, String server) {
        Instant now = Instant.now();
        for (AlertResult r : result.getResultsList()) {
            switch (r.getOutcome()) {
                case ACCEPTED, DUPLICATE -> {
                    if (r.getOutcome() == AlertResult.Outcome.ACCEPTED) {
                        accepted.computeIfAbsent(r.getAlertId(), k -> new AtomicInteger()).incrementAndGet();
                        acceptedBy.put(r.getAlertId(), server);
                    }
                    answered.putIfAbsent(r.getAlertId(), new Answer(r.getOutcome(), server, now));
                    if (upload.resend()) {
                        resendAnswered.add(r.getAlertId());
                    }
                }
                default -> {
                    refusals.add("alert " + r.getAlertId() + " of " + upload.hub().id() + " answered " + r.getOutcome()
                            + ": " + r.getReason());
                    answered.putIfAbsent(r.getAlertId(), new Answer(r.getOutcome(), server, now));
                    resendAnswered.add(r.getAlertId());
                }
            }
        }
    }

    private void failed(String why) {
        failures.computeIfAbsent(why.length() > 120 ? why.substring(0, 120) : why, k -> new AtomicInteger())
                .incrementAndGet();
        lastFailure = Instant.now();
    }

    private void finished(Upload upload, boolean mayResend) {
        uploadsDone.incrementAndGet();
        if (mayResend && !upload.resend() && random() < resendShare) {
            resends.incrementAndGet();
            outstanding.incrementAndGet();
            scheduler.schedule(() -> attempt(new Upload(upload.hub(), upload.alerts(), true)), 400,
                    TimeUnit.MILLISECONDS);
        }
        outstanding.decrementAndGet();
    }

    private double random() {
        synchronized (random) {
            return random.nextDouble();
        }
    }

    /** Uploads answered for in full (resends included). */
    int uploadsDone() {
        return uploadsDone.get();
    }

    /** Every planned upload, and every resend, answered for. */
    boolean allAnswered() {
        return outstanding.get() == 0;
    }

    /** Alert ids the client sent, each once. */
    Set<String> sentAlertIds() {
        return new HashSet<>(sent.keySet());
    }

    /** Alerts whose upload the collectors answered ACCEPTED or DUPLICATE. */
    Set<String> acknowledgedAlertIds() {
        return answered.entrySet().stream().filter(e -> e.getValue().outcome() == AlertResult.Outcome.ACCEPTED
                || e.getValue().outcome() == AlertResult.Outcome.DUPLICATE).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    Map<String, Alert> sentAlerts() {
        return Map.copyOf(sent);
    }

    /** Alerts a collector answered ACCEPTED more than once (stored twice, or told so). */
    Map<String, Integer> acceptedMoreThanOnce() {
        Map<String, Integer> out = new TreeMap<>();
        accepted.forEach((id, n) -> {
            if (n.get() > 1) {
                out.put(id, n.get());
            }
        });
        return out;
    }

    /** Which collector (HAProxy server name) answered ACCEPTED for the alert. */
    String acceptedBy(String alertId) {
        return acceptedBy.getOrDefault(alertId, answered.containsKey(alertId)
                ? "(no ACCEPTED answer reached the hub: lost in the kill, then DUPLICATE on retry)" : "(never answered)");
    }

    List<String> refusals() {
        synchronized (refusals) {
            return List.copyOf(refusals);
        }
    }

    Map<String, Integer> servedBy() {
        Map<String, Integer> out = new TreeMap<>();
        servedBy.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    Map<String, Integer> failures() {
        Map<String, Integer> out = new TreeMap<>();
        failures.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    int requests() {
        return requests.get();
    }

    int retried() {
        return retried.get();
    }

    int resends() {
        return resends.get();
    }

    Instant lastFailure() {
        return lastFailure;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
