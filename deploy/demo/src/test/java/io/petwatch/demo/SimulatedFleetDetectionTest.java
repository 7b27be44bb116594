package io.petwatch.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.gateway.detect.AlertEvent;
import io.petwatch.gateway.detect.AlertKind;
import io.petwatch.gateway.detect.AlertState;
import io.petwatch.gateway.detect.DetectionEngine;
import io.petwatch.gateway.detect.DetectorParams;
import io.petwatch.gateway.detect.LowActivityParams;
import io.petwatch.gateway.mqtt.Decoded;
import io.petwatch.gateway.mqtt.TelemetryDecoder;
import io.petwatch.gateway.mqtt.Topics;
import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.sim.SimConfig;
import io.petwatch.sim.Simulation;
import io.petwatch.sim.model.CollarFirmware;
import io.petwatch.sim.scenario.Episode;
import io.petwatch.sim.scenario.Scenario;
import io.petwatch.sim.scenariofile.CompiledScenario;
import io.petwatch.sim.scenariofile.ScenarioCompiler;
import io.petwatch.sim.suite.CollarScript;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The simulator's fleet through the gateway's decoder and detectors, in process: no broker, seconds not days. */
class SimulatedFleetDetectionTest {

    private static List<AlertEvent> detect(SimConfig config) {
        Simulation simulation = new Simulation(config);
        Scenario scenario = simulation.scenario();
        DetectionEngine engine = new DetectionEngine("hub-demo", config.zone(), LowActivityParams.defaults(),
                Clock.fixed(config.end(), ZoneOffset.UTC));
        TelemetryDecoder decoder = new TelemetryDecoder();
        List<AlertEvent> alerts = new ArrayList<>();
        for (CollarFirmware collar : simulation.firmware(scenario)) {
            for (Optional<TelemetryBatch> b = collar.nextBatch(); b.isPresent(); b = collar.nextBatch()) {
                Decoded decoded = decoder.decode(Topics.telemetry(collar.collarId()), b.get().toByteArray());
                alerts.addAll(engine.ingest(assertInstanceOf(Decoded.Batch.class, decoded).batch()));
            }
        }
        return alerts;
    }

    private static SimConfig config(String scenario, long seed, int collars) {
        return new SimConfig(URI.create("tcp://127.0.0.1:1"), collars, "collar-", 14,
                Instant.parse("2026-10-01T00:00:00Z"), ZoneOffset.UTC, seed, 60, scenario, List.of(), 2,
                Duration.ofHours(96), Optional.empty(), 500);
    }

    @Test
    void eachLethargicPetAlertsOnceAndNoHealthyPetAlerts() {
        SimConfig config = config("lethargy", 42, 24);
        Set<String> lethargic = new Simulation(config).scenario().episodes().stream().map(Episode::collarId)
                .collect(Collectors.toCollection(TreeSet::new));

        List<AlertEvent> alerts = detect(config);

        assertEquals(2, lethargic.size());
        assertEquals(lethargic, alerts.stream().map(AlertEvent::collarId).collect(Collectors.toCollection(TreeSet::new)),
                () -> "alerts: " + alerts.stream().map(a -> a.collarId() + " " + a.summary()).toList());
        assertEquals(2, alerts.size(), () -> "alerts: " + alerts.stream().map(a -> a.collarId() + " " + a.state() + " " + a.summary()).toList());
        alerts.forEach(a -> {
            assertEquals(AlertKind.LOW_ACTIVITY, a.kind());
            assertEquals(AlertState.FIRING, a.state());
        });
    }

    @Test
    void aHealthyFleetRaisesNothingAcrossSeeds() {
        for (long seed = 1; seed <= 5; seed++) {
            long s = seed;
            assertEquals(List.of(), detect(config("healthy", seed, 24)).stream().map(AlertEvent::collarId).toList(),
                    () -> "seed " + s);
        }
    }

    @Test
    void theDemoFleetsDecliningPetRaisesActivityDriftOnceAndNeverLethargyWhateverTheHourOfTheRun() {
        // The demo's run ends at the current hour; its declining collar's days start on a Monday, so every end in a
        // week is tried (every 13 hours).
        DemoSettings now = DemoSettings.fromEnvironment(Map.of());
        for (int shift = 0; shift < 13; shift++) {
            Instant start = now.simStart().minus(Duration.ofHours(13L * shift));
            SimConfig config = DemoRunner.simConfig(new DemoSettings(now.mqttUrl(), now.dbUrl(), now.dbUser(),
                    now.dbPassword(), now.collectorJar(), now.workDir(), now.collars(), now.days(), now.seed(),
                    now.lethargyCount(), start, now.rate(), now.keepSchema()), "tcp://127.0.0.1:1");
            Set<String> lethargic = new Simulation(config).scenario().episodes().stream()
                    .filter(e -> e.kind().equals(Episode.LETHARGY)).map(Episode::collarId)
                    .collect(Collectors.toCollection(TreeSet::new));

            List<AlertEvent> alerts = detect(config).stream().filter(a -> a.collarId().equals("collar-004")).toList();

            assertEquals(List.of("collar-004"), DemoRunner.DRIFT.collars());
            assertFalse(lethargic.contains("collar-004"), "the declining pet is not also lethargic: " + lethargic);
            assertEquals(List.of("ACTIVITY_DRIFT FIRING"), alerts.stream().map(a -> a.kind() + " " + a.state()).toList(),
                    () -> "run starting " + start + ": " + alerts.stream().map(a -> a.kind() + " " + a.summary()).toList());
        }
    }

    @Test
    void theSlowDeclineScenarioFileRaisesActivityDriftForTheDecliningPetsOnly() {
        CompiledScenario scenario = ScenarioCompiler.load(Path.of("../../firmware-sim/scenarios/slow-decline.yaml"));
        Map<String, ZoneId> zones = scenario.collars().stream()
                .collect(Collectors.toMap(CollarScript::collarId, CollarScript::zone));
        DetectionEngine engine = new DetectionEngine("hub-sim", ZoneOffset.UTC, zones::get,
                id -> DetectorParams.defaults(), Clock.fixed(scenario.run().end(), ZoneOffset.UTC));
        TelemetryDecoder decoder = new TelemetryDecoder();
        List<AlertEvent> alerts = new ArrayList<>();
        for (CollarScript collar : scenario.collars()) {
            for (TelemetryBatch b : collar.batches()) {
                Decoded decoded = decoder.decode(Topics.telemetry(collar.collarId()), b.toByteArray());
                alerts.addAll(engine.ingest(assertInstanceOf(Decoded.Batch.class, decoded).batch()));
            }
        }
        Set<String> declining = scenario.collars().stream()
                .filter(c -> c.labels().stream().anyMatch(l -> l.kind().equals("decline")))
                .map(CollarScript::collarId).collect(Collectors.toCollection(TreeSet::new));

        List<String> health = alerts.stream().filter(a -> a.kind() == AlertKind.ACTIVITY_DRIFT
                || a.kind() == AlertKind.LOW_ACTIVITY || a.kind() == AlertKind.RESTLESS_NIGHTS)
                .map(a -> a.collarId() + " " + a.kind() + " " + a.state()).sorted().toList();

        assertEquals(Set.of("home-02", "home-04", "home-09"), declining);
        assertEquals(declining.stream().map(id -> id + " ACTIVITY_DRIFT FIRING").toList(), health,
                () -> "alerts: " + alerts.stream().map(a -> a.collarId() + " " + a.kind() + " " + a.summary()).toList());
    }
}
