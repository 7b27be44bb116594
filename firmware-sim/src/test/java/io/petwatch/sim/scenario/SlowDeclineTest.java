package io.petwatch.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.petwatch.sim.SimConfig;
import io.petwatch.sim.Simulation;
import io.petwatch.sim.model.CollarFirmware;
import io.petwatch.proto.v1.TelemetryBatch;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A pet whose activity falls over weeks, with the month of history the hub's drift rule judges it over. */
class SlowDeclineTest {
    private static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
    private static final SlowDecline DECLINE = new SlowDecline(List.of("collar-003"), 42, 28, 4, 0.45);

    private static SimConfig fleet(int days) {
        return new SimConfig(URI.create("tcp://127.0.0.1:1"), 6, "collar-", days, START, ZoneOffset.UTC, 42, 60,
                "healthy", List.of(), 0, Duration.ofHours(96), Optional.empty(), 500).withDecline(DECLINE);
    }

    @Test
    void activityFallsLinearlyToTheFloorThenStaysThere() {
        Instant end = START.plus(Duration.ofDays(14)); // a Thursday: the history starts on the Monday before
        Instant historyStart = DECLINE.startOf("collar-003", START, end);
        Episode decline = DECLINE.episodes(end).get(0);
        Scenario scenario = new Scenario(List.of(decline));

        assertEquals(Instant.parse("2026-08-31T00:00:00Z"), historyStart, "a Monday, at least 42 days before the end");
        assertEquals(historyStart.plus(Duration.ofDays(42 - 28 - 4)), decline.start(), "placed from the start");
        assertEquals(end, decline.end());
        assertEquals(1.0, scenario.factor("collar-003", decline.start()), 1e-9);
        assertEquals(0.725, scenario.factor("collar-003", decline.start().plus(Duration.ofDays(14))), 1e-9);
        assertEquals(0.45, scenario.factor("collar-003", decline.start().plus(Duration.ofDays(28))), 1e-9);
        assertEquals(0.45, scenario.factor("collar-003", end.minus(Duration.ofMinutes(1))), 1e-9);
        assertEquals(START, DECLINE.startOf("collar-001", START, end), "the others keep the run's start");
        assertEquals(1.0, scenario.factor("collar-001", decline.start().plus(Duration.ofDays(20))), 1e-9);
    }

    @Test
    void theDecliningPetLivesTheSameDaysWhicheverDayTheRunIsMade() {
        List<Integer> firstDays = new java.util.ArrayList<>();
        for (int shift = 0; shift < 7; shift++) {
            Instant start = START.plus(Duration.ofHours(29L * shift));
            SimConfig config = new SimConfig(URI.create("tcp://127.0.0.1:1"), 6, "collar-", 14, start,
                    ZoneOffset.UTC, 42, 60, "healthy", List.of(), 0, Duration.ofHours(96), Optional.empty(), 500)
                    .withDecline(DECLINE);
            Simulation simulation = new Simulation(config);
            CollarFirmware collar = simulation.firmware(simulation.scenario()).get(2);
            TelemetryBatch first = collar.nextBatch().orElseThrow();
            for (int day = 0; day < 40 * 24 - 1; day++) {
                collar.nextBatch();
            }
            TelemetryBatch fortieth = collar.nextBatch().orElseThrow();
            firstDays.add(java.util.Objects.hash(activities(first), activities(fortieth)));
        }

        assertEquals(1, firstDays.stream().distinct().count(), "the same minutes, from the Monday on: " + firstDays);
    }

    @Test
    void theDecliningCollarHasItsLongerHistoryAndTheRestTheRunsDays() {
        SimConfig config = fleet(14);
        Simulation simulation = new Simulation(config);

        Map<String, Long> batches = simulation.firmware(simulation.scenario()).stream().collect(Collectors.toMap(
                CollarFirmware::collarId, SlowDeclineTest::countBatches));

        assertEquals(45 * 24L, batches.get("collar-003"), "from the Monday 45 days before the run's Thursday end");
        assertEquals(14 * 24L, batches.get("collar-001"));
        assertEquals(List.of("decline"), simulation.scenario().episodes().stream().map(Episode::kind).toList());
    }

    @Test
    void refusesADecliningCollarThatIsNotInTheFleet() {
        SimConfig config = fleet(14).withDecline(new SlowDecline(List.of("collar-099"), 42, 28, 4, 0.45));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Simulation(config).scenario());

        assertEquals("declining collar 'collar-099' is not one of the simulated collars", e.getMessage());
    }

    @Test
    void refusesARampLongerThanTheHistory() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SlowDecline(List.of("collar-001"), 20, 28, 4, 0.45));

        assertEquals("a decline's ramp (28 days, at least 1) and hold (4 days) must fit in its history of 20 days",
                e.getMessage());
    }

    private static List<Integer> activities(TelemetryBatch batch) {
        return batch.getSamplesList().stream().map(io.petwatch.proto.v1.Sample::getActivity).toList();
    }

    private static long countBatches(CollarFirmware collar) {
        long n = 0;
        for (Optional<TelemetryBatch> b = collar.nextBatch(); b.isPresent(); b = collar.nextBatch()) {
            n++;
        }
        return n;
    }
}
