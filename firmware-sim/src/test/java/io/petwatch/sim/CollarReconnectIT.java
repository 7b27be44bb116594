package io.petwatch.sim;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.petwatch.gateway.TestBroker;
import io.petwatch.proto.v1.CollarStatus;
import io.petwatch.sim.delivery.Delivery;
import io.petwatch.sim.delivery.DeliveryReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator against a broker of the test's own that restarts, and one that stays away past the deadline. */
class CollarReconnectIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-05-04T00:00:00Z");

    private static Set<Long> oneTo(long n) {
        return LongStream.rangeClosed(1, n).boxed().collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void resumesItsSequenceAfterABrokerRestart(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.json");
        try (TestBroker broker = TestBroker.persistent(Files.createDirectories(dir.resolve("broker")));
             TelemetryRecorder recorder = TelemetryRecorder.listen(broker.port(), Optional.empty())) {
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> SimMain.commandLine().execute(
                    "--broker", broker.url(), "--collars", "6", "--days", "2", "--start", START.toString(),
                    "--scenario", "healthy", "--rate", "50", "--delivery-timeout", "60", "--report", report.toString()));

            await().atMost(Duration.ofSeconds(30)).until(() -> recorder.received() >= 96 || exit.isDone());
            broker.restart(); // mid-run: 288 batches at 50 a second take about six seconds

            assertEquals(0, exit.get(90, TimeUnit.SECONDS), "every batch acknowledged");
            JsonNode json = JSON.readTree(Files.readString(report));
            assertEquals(288, json.get("published").asLong(), json.toString());
            assertEquals(0, json.get("undelivered").asLong(), json.toString());
            assertTrue(json.get("reconnects").asLong() >= 6, "each collar reconnected: " + json);
            for (int n = 1; n <= 6; n++) {
                String collar = String.format("collar-%03d", n);
                await().atMost(Duration.ofSeconds(20)).until(() -> recorder.seqs(collar).size() == 48);
                assertEquals(oneTo(48), recorder.seqs(collar), collar + ": every seq, once each, none restarted");
                List<CollarStatus.Connectivity> statuses = recorder.statuses(collar);
                assertTrue(statuses.stream().filter(s -> s == CollarStatus.Connectivity.ONLINE).count() >= 2,
                        collar + " said ONLINE again after reconnecting: " + statuses);
                await().atMost(Duration.ofSeconds(10)).until(() -> recorder.statuses(collar).get(
                        recorder.statuses(collar).size() - 1) == CollarStatus.Connectivity.OFFLINE);
            }
            assertEquals(List.of(), recorder.conflicts(), "no seq came back with other data");
        }
    }

    @Test
    void givesUpBatchesItCannotDeliverBeforeTheirDeadlineAndCarriesOn(@TempDir Path dir) throws Exception {
        try (TestBroker broker = TestBroker.persistent(Files.createDirectories(dir.resolve("broker")));
             TelemetryRecorder recorder = TelemetryRecorder.listen(broker.port(), Optional.empty())) {
            SimConfig config = new SimConfig(URI.create(broker.url()), 4, "collar-", 1, START, ZoneOffset.UTC, 42, 60,
                    "healthy", List.of(), 0, Duration.ofHours(96), Optional.empty(), 20, Duration.ofSeconds(1),
                    Optional.empty(), SkipList.NONE);
            Simulation simulation = new Simulation(config);
            CompletableFuture<SimReport> run = CompletableFuture.supplyAsync(simulation::run);

            await().atMost(Duration.ofSeconds(30)).until(() -> recorder.received() >= 24 || run.isDone());
            broker.stop();
            await().atMost(Duration.ofSeconds(30)).until(() -> simulation.progress().notSent() >= 8);
            broker.startAgain();

            DeliveryReport delivery = run.get(90, TimeUnit.SECONDS).delivery();
            assertTrue(delivery.notSent() >= 8, "batches given up while the broker was away: " + delivery);
            assertEquals(96, delivery.published() + delivery.undelivered(), "every batch accounted for");
            assertEquals(delivery.notSent(), delivery.undelivered(), "nothing else went wrong: " + delivery);
            assertTrue(delivery.links().reconnects() >= 4, "each collar came back: " + delivery.links());
            for (int n = 1; n <= 4; n++) {
                String collar = String.format("collar-%03d", n);
                Set<Long> givenUp = delivery.undeliveredBatches().stream().filter(d -> d.collarId().equals(collar))
                        .map(Delivery::seq).collect(Collectors.toCollection(TreeSet::new));
                Set<Long> expected = oneTo(24);
                expected.removeAll(givenUp);
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(expected, recorder.seqs(collar),
                        collar + ": every acknowledged seq arrived, no given-up one did"));
                assertTrue(recorder.seqs(collar).contains(24L), collar + " went on to its last seq after the outage");
            }
            assertEquals(List.of(), recorder.conflicts());

            Path report = dir.resolve("report.json");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = RunSummary.finish(delivery, Optional.of(report), new PrintStream(out, true, StandardCharsets.UTF_8));
            assertEquals(RunSummary.UNDELIVERED, exit);
            JsonNode json = JSON.readTree(Files.readString(report));
            assertEquals(delivery.undelivered(), json.get("undelivered").asLong());
            List<String> named = new ArrayList<>();
            json.get("undeliveredBatches").forEach(b -> named.add(b.get("collar").asText() + "#" + b.get("seq").asLong()));
            assertEquals(delivery.undeliveredBatches().stream().map(d -> d.collarId() + "#" + d.seq()).toList(), named);
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("UNDELIVERED " + delivery.undelivered()
                    + " batches"), out.toString(StandardCharsets.UTF_8));
        }
    }
}
