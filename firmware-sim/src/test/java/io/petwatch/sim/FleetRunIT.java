package io.petwatch.sim;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.petwatch.proto.v1.CollarStatus.Connectivity;
import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.sim.delivery.DeliveryReport;
import io.petwatch.sim.mqtt.PublishSettings;
import io.petwatch.sim.mqtt.ReconnectPolicy;
import io.petwatch.sim.play.Speed;
import io.petwatch.sim.suite.Action;
import io.petwatch.gateway.TestBroker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet publisher against this machine's Mosquitto (127.0.0.1:1883; an unreachable broker fails the test):
 * what the report counts is exactly what a subscriber received, a scripted drop with will makes the broker
 * publish the collar's OFFLINE will, and --prometheus serves the figures while the run goes on.
 */
class FleetRunIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LOCAL_BROKER = 1883;
    private static final long T0 = Instant.parse("2026-05-04T00:00:00Z").toEpochMilli();

    /** Collar ids of this run only: the machine's broker is shared, and keeps retained statuses. */
    private static String prefix() {
        return "it" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    @Test
    void aFleetsReportCountsWhatASubscriberReceivedCollarByCollar(@TempDir Path dir) throws Exception {
        String prefix = prefix();
        Path report = dir.resolve("report.json");
        List<String> collars = LongStream.rangeClosed(1, 50).mapToObj(n -> String.format("%s%03d", prefix, n))
                .toList();
        try (TelemetryRecorder recorder = TelemetryRecorder.listen(LOCAL_BROKER, Optional.empty());
             AutoCloseable forget = () -> recorder.forgetStatuses(collars)) {
            int exit = SimMain.commandLine().execute("--broker", "tcp://127.0.0.1:" + LOCAL_BROKER, "--collars", "50",
                    "--collar-prefix", prefix, "--days", "1", "--batch-minutes", "240", "--scenario", "healthy",
                    "--start", "2026-05-04T00:00:00Z", "--rate", "400", "--max-in-flight", "2", "--connect-rate",
                    "200", "--connect-jitter", "50", "--progress", "0", "--report", report.toString());

            assertEquals(0, exit, "every batch acknowledged");
            JsonNode json = JSON.readTree(Files.readString(report));
            assertEquals(300, json.get("published").asLong(), json.toString());
            assertEquals(300, json.get("sent").asLong(), json.toString());
            assertEquals(50, json.get("collarsConnected").asLong());
            assertEquals(300, json.get("ackLatencyMs").get("count").asLong());
            assertTrue(json.get("ackLatencyMs").get("p99").asDouble() > 0, json.toString());
            assertEquals(50, json.get("connectMs").get("count").asLong());
            assertTrue(json.get("connectRate").asDouble() > 0 && json.get("publishRate").asDouble() > 0, json.toString());
            List<Long> oneToSix = LongStream.rangeClosed(1, 6).boxed().toList();
            await().atMost(Duration.ofSeconds(10)).until(() -> collars.stream().allMatch(c ->
                    recorder.arrivals(c).size() >= 6 && recorder.statuses(c).contains(Connectivity.OFFLINE)));
            for (String collar : collars) {
                assertEquals(oneToSix, recorder.arrivals(collar), collar + ": each seq once, in order");
            }
            long received = collars.stream().mapToLong(c -> recorder.arrivals(c).size()).sum();
            assertEquals(json.get("published").asLong(), received, "what the report counts, the subscriber got");
            assertEquals(List.of(), recorder.conflicts());
        }
    }

    @Test
    void aDropWithWillHasTheBrokerSayOfflineAndTheBacklogFollowsTheReconnect() throws Exception {
        String a = prefix() + "will";
        String b = prefix() + "bye";
        PublishSettings settings = new PublishSettings(URI.create("tcp://127.0.0.1:" + LOCAL_BROKER),
                Optional.empty(), 1000, Duration.ofSeconds(10), ReconnectPolicy.DEFAULT);
        FleetOptions options = new FleetOptions(new Speed(4), 1, 100, 100, Duration.ZERO, Duration.ZERO,
                Optional.empty(), Optional.empty(), false);
        try (TelemetryRecorder recorder = TelemetryRecorder.listen(LOCAL_BROKER, Optional.empty());
             AutoCloseable forget = () -> recorder.forgetStatuses(List.of(a, b))) {
            FleetRun run = new FleetRun(settings, options);
            DeliveryReport report = run.play(List.of(a, b), List.of(
                    List.of(publish(a, T0, 1), new Action.Drop(T0 + 1_000, true, T0 + 4_000), publish(a, T0 + 2_000, 2),
                            publish(a, T0 + 3_000, 3), publish(a, T0 + 5_000, 4)),
                    List.of(publish(b, T0, 1), new Action.Drop(T0 + 1_000, false, T0 + 4_000),
                            publish(b, T0 + 5_000, 2))), "sim-2.0", id -> 80);

            assertEquals(6, report.published(), report.toString());
            assertTrue(report.allDelivered());
            assertEquals(2, report.figures().drops());
            assertEquals(2, report.links().reconnects());
            assertTrue(report.figures().reconnectRate() > 0, report.figures().toString());
            await().atMost(Duration.ofSeconds(10)).until(() -> recorder.statuses(a).size() >= 4
                    && recorder.statuses(b).size() >= 3);
            assertEquals(List.of(Connectivity.ONLINE, Connectivity.OFFLINE, Connectivity.ONLINE, Connectivity.OFFLINE),
                    recorder.statuses(a), a + ": its will said OFFLINE when it dropped, then ONLINE again");
            assertEquals(List.of(Connectivity.ONLINE, Connectivity.ONLINE, Connectivity.OFFLINE), recorder.statuses(b),
                    b + ": a goodbye without will leaves the status alone until the collar is back");
            assertEquals(List.of(1L, 2L, 3L, 4L), recorder.arrivals(a), "the backlog went first, in order");
        }
    }

    @Test
    void aReconnectStormComesBackAtItsJitteredMomentsWithEveryBacklogInOrder() throws Exception {
        String prefix = prefix();
        List<String> collars = LongStream.rangeClosed(1, 200).mapToObj(n -> String.format("%s%03d", prefix, n))
                .toList();
        SplittableRandom random = new SplittableRandom(17);
        List<List<Action>> actions = new ArrayList<>();
        for (String c : collars) { // all drop at once; back over 3 simulated seconds; one batch made meanwhile
            actions.add(List.of(publish(c, T0, 1), new Action.Drop(T0 + 1_000, true, T0 + 2_000 + random.nextInt(3_000)),
                    publish(c, T0 + 1_500, 2), publish(c, T0 + 6_000, 3)));
        }
        PublishSettings settings = new PublishSettings(URI.create("tcp://127.0.0.1:" + LOCAL_BROKER),
                Optional.empty(), 2000, Duration.ofSeconds(30), ReconnectPolicy.DEFAULT);
        FleetOptions options = new FleetOptions(new Speed(2), 1, 10_000, 1000, Duration.ZERO, Duration.ZERO,
                Optional.empty(), Optional.empty(), false);
        try (TelemetryRecorder recorder = TelemetryRecorder.listen(LOCAL_BROKER, Optional.empty());
             AutoCloseable forget = () -> recorder.forgetStatuses(collars)) {
            DeliveryReport report = new FleetRun(settings, options).play(collars, actions, "sim-2.0", id -> 80);

            assertEquals(600, report.published(), report.toString());
            assertTrue(report.allDelivered());
            assertEquals(200, report.figures().drops());
            assertEquals(200, report.links().reconnects());
            assertTrue(report.figures().reconnectRate() > 0, report.figures().toString());
            assertEquals(400, report.figures().connectMs().count(), "first connections and reconnects timed");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(List.of(), collars.stream()
                    .filter(c -> recorder.arrivals(c).size() < 3 || recorder.statuses(c).size() < 4)
                    .map(c -> c + " " + recorder.arrivals(c) + " " + recorder.statuses(c)).limit(5).toList(),
                    "collars whose messages have not all arrived"));
            for (String c : collars) {
                assertEquals(List.of(1L, 2L, 3L), recorder.arrivals(c), c);
                assertEquals(List.of(Connectivity.ONLINE, Connectivity.OFFLINE, Connectivity.ONLINE,
                        Connectivity.OFFLINE), recorder.statuses(c), c);
            }
        }
    }

    @Test
    void thePrometheusEndpointServesTheRunsFiguresWhileItRunsAndClearStatusLeavesNoneBehind(@TempDir Path dir) throws Exception {
        String prefix = prefix();
        List<String> collars = LongStream.rangeClosed(1, 5).mapToObj(n -> String.format("%s%03d", prefix, n))
                .toList();
        int port = TestBroker.freePort();
        Path report = dir.resolve("report.json");
        try (TelemetryRecorder recorder = TelemetryRecorder.listen(LOCAL_BROKER, Optional.empty());
             AutoCloseable forget = () -> recorder.forgetStatuses(collars)) {
            // A simulated day in about 3 s: time enough to be scraped while it runs.
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> SimMain.commandLine().execute(
                    "--broker", "tcp://127.0.0.1:" + LOCAL_BROKER, "--collars", "5", "--collar-prefix", prefix,
                    "--days", "1", "--batch-minutes", "60", "--scenario", "healthy", "--speed", "28800",
                    "--progress", "0", "--prometheus", Integer.toString(port), "--report", report.toString(),
                    "--clear-status"));

            String scraped = await().atMost(Duration.ofSeconds(30)).until(() -> scrape(port),
                    body -> body.contains("petwatch_sim_collars_online 5")
                            && !body.contains("petwatch_sim_batches_settled_total{status=\"acknowledged\"} 0"));
            assertTrue(scraped.contains("petwatch_sim_collars 5"), scraped);
            assertTrue(scraped.contains("petwatch_sim_ack_latency_seconds{quantile=\"0.99\"}"), scraped);

            assertEquals(0, exit.get(60, TimeUnit.SECONDS));
            assertEquals(120, JSON.readTree(Files.readString(report)).get("sent").asLong());
        }
        try (TelemetryRecorder late = TelemetryRecorder.listen(LOCAL_BROKER, Optional.empty())) {
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> collars.stream()
                    .allMatch(c -> late.statuses(c).isEmpty()));
        }
    }

    /** The endpoint's text, or empty while it is not up yet (or no more). */
    private static String scrape(int port) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static Action publish(String collar, long atMs, long seq) {
        return new Action.Publish(atMs, TelemetryBatch.newBuilder().setCollarId(collar).setSeq(seq).build());
    }
}
