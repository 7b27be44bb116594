package io.petwatch.sim;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.gateway.Gateway;
import io.petwatch.gateway.TestBroker;
import io.petwatch.gateway.config.ConfigSource;
import io.petwatch.gateway.config.GatewayConfig;
import io.petwatch.gateway.outbox.MemoryOutbox;
import io.petwatch.gateway.status.GatewayStatus;
import io.petwatch.proto.v1.AlertBatchResult;
import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.sim.scenariofile.ScenarioCompiler;
import io.petwatch.sim.suite.Action;
import io.petwatch.sim.suite.CollarScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario file and a recording played by the simulator into the real gateway, on a Mosquitto of the test's own
 * (so no other collar on the machine's broker is counted): every injected fault shows in the gateway's counters as
 * the scripts say it should, and a recording reaches detection minute for minute.
 */
class ScenarioThroughGatewayIT {
    @TempDir
    Path dir;
    private TestBroker broker;
    private Gateway gateway;

    @BeforeEach
    void givenAGatewayOnABrokerOfItsOwn() throws Exception {
        Files.createDirectories(dir.resolve("broker"));
        broker = TestBroker.start(dir.resolve("broker"), List.of("listener {port} 127.0.0.1", "allow_anonymous true",
                "max_queued_messages 100000"));
        GatewayConfig config = GatewayConfig.from(ConfigSource.of(Map.of("petwatch.hub.id", "hub-sim-it",
                "petwatch.hub.token", "t", "petwatch.mqtt.url", broker.url(), "petwatch.mqtt.session-expiry-s", "0",
                "petwatch.zone", "UTC", "petwatch.snapshot.dir", "none", "petwatch.status.port", "-1")));
        gateway = new Gateway(config, Clock.systemUTC(), new MemoryOutbox(), batch -> AlertBatchResult
                .getDefaultInstance());
        gateway.start();
    }

    @AfterEach
    void tearDown() {
        gateway.close();
        broker.close();
    }

    @Test
    void everyInjectedFaultShowsInTheGatewaysCounters() throws Exception {
        Path file = Files.writeString(dir.resolve("faults.yaml"), """
                run: {name: faults, start: 2026-05-04T00:00:00Z, days: 3, seed: 7, speed: max}
                fleets:
                  - {name: f, count: 4, id-pattern: "fault-{n:02}", device: {qos: 1}}
                timeline:
                  - {kind: malformed, fleet: f, rate: 0.2}
                  - {kind: duplicates, fleet: f, rate: 0.2, at: day 1, for: 1d}
                  - {kind: reboot, collars: [fault-02], at: day 1 12:00, for: 10m}
                  - {kind: offline, collars: [fault-03], at: day 2 03:00, for: 5h, will: true}
                """);
        List<CollarScript> scripts = ScenarioCompiler.load(file).collars();
        long publishes = 0;
        long raw = 0;
        long resent = 0;
        for (CollarScript s : scripts) {
            Set<TelemetryBatch> seen = new HashSet<>();
            for (Action a : s.actions()) {
                if (a instanceof Action.Publish p) {
                    publishes++;
                    resent += seen.add(p.batch()) ? 0 : 1;
                } else if (a instanceof Action.PublishRaw) {
                    raw++;
                }
            }
        }

        assertTrue(raw > 0 && resent > 0, "the scenario injects malformed payloads and re-sent batches");
        long batches = publishes;
        long malformed = raw;

        int exit = SimMain.commandLine().execute("--broker", broker.url(), "--scenario-file", file.toString(),
                "--progress", "0", "--clear-status");

        assertEquals(0, exit);
        await().atMost(Duration.ofSeconds(60)).until(() -> gateway.status().batchesDelivered() == batches
                && gateway.status().malformedPayloads() == malformed);
        GatewayStatus status = gateway.status();
        assertEquals(raw, status.droppedByReason().values().stream().mapToLong(Long::longValue).sum());
        assertEquals(resent, status.detection().duplicateBatches(), "re-sent batches dropped whole");
        assertEquals(0, status.detection().seqSkipped(), "nothing lost: the outage's backlog came after it");
        assertEquals(4, status.detection().collars());
    }

    @Test
    void aRecordingReachesDetectionMinuteForMinute() throws Exception {
        StringBuilder csv = new StringBuilder("collar_id,minute_start,activity,steps,wear\n");
        Instant start = Instant.parse("2026-05-04T00:00:00Z");
        int minutes = 0;
        for (String collar : List.of("proto-a", "proto-b")) {
            for (int m = 0; m < 6 * 60 + 17; m++, minutes++) {
                csv.append(collar).append(',').append(start.plusSeconds(60L * m)).append(',').append(m % 40)
                        .append(",0,WORN\n");
            }
        }
        Path recording = Files.writeString(dir.resolve("recording.csv"), csv);
        int total = minutes;

        int exit = SimMain.commandLine().execute("--broker", broker.url(), "--replay", recording.toString(),
                "--batch-minutes", "60", "--progress", "0", "--clear-status");

        assertEquals(0, exit);
        await().atMost(Duration.ofSeconds(60)).until(() -> gateway.status().detection().minutesAccepted() == total);
        assertEquals(2 * 7, gateway.status().batchesDelivered(), "six full hours and a 17-minute tail each");
        assertEquals(0, gateway.status().detection().minutesRejected());
    }
}
