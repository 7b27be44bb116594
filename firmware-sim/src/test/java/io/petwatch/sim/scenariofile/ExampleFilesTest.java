package io.petwatch.sim.scenariofile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.sim.suite.CollarScript;
import io.petwatch.sim.suite.Label;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every file in firmware-sim/scenarios loads and compiles; the named examples do what their comments say. */
class ExampleFilesTest {
    static final Path FOLDER = Path.of("scenarios");

    static CompiledScenario load(String name) {
        return ScenarioCompiler.load(FOLDER.resolve(name));
    }

    private static List<Label> labels(CompiledScenario c, String kind) {
        return c.collars().stream().flatMap(s -> s.labels().stream()).filter(l -> l.kind().equals(kind)).toList();
    }

    @Test
    void everyFileInTheFolderLoadsAndCompiles() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(FOLDER)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 7, "examples: " + files);
        for (Path file : files) {
            ScenarioFile read = new ScenarioFileReader().read(file);
            CompiledScenario compiled = ScenarioCompiler.compile(read);

            int count = read.fleets().stream().mapToInt(ScenarioFile.Fleet::count).sum();
            assertEquals(count, compiled.collars().size(), file.toString());
            assertEquals(count, compiled.collars().stream().map(CollarScript::collarId).distinct().count());
            assertFalse(read.run().description().isEmpty(), file + " says what it is");
        }
    }

    @Test
    void theDemoHas24CollarsOver14DaysTwoOfThemLethargic() {
        CompiledScenario demo = load("demo.yaml");

        assertEquals(24, demo.collars().size());
        assertEquals(14, demo.run().days());
        assertEquals("collar-001", demo.collars().get(0).collarId());
        assertEquals(2, labels(demo, "lethargy").size());
        assertEquals(demo.run().end(), demo.collars().get(0).end());
    }

    @Test
    void theSlowDeclineRunsAMonthAndAHalfForThreeDecliningPetsAtMaxSpeed() {
        CompiledScenario decline = load("slow-decline.yaml");

        assertEquals(45, decline.run().days());
        assertTrue(decline.run().speed().max(), "played as fast as the broker takes it");
        assertEquals(List.of("home-02", "home-04", "home-09"),
                labels(decline, "decline").stream().map(Label::collar).toList());
        assertEquals(45 * 24 * 10, decline.collars().stream().mapToInt(c -> c.batches().size()).sum(),
                "hourly batches, every collar the whole run");
    }

    @Test
    void theRolloutBreaksWearSensingOnAFifthOfTheFleet() {
        CompiledScenario rollout = load("firmware-rollout-breaks-wear.yaml");

        List<Label> updates = labels(rollout, "firmware_rollout");
        assertEquals(10, updates.size(), "20% of 50");
        assertTrue(updates.stream().allMatch(l -> "wear-sensing".equals(l.details().get("breaks"))));
        assertEquals(30, rollout.run().batchMinutes());
        assertEquals(600, rollout.run().speed().factor());
    }

    @Test
    void theReconnectStormDropsTheWholeFleetAtOneMoment() {
        CompiledScenario storm = load("reconnect-storm.yaml");

        List<Label> restarts = labels(storm, "broker_restart");
        assertEquals(2000, restarts.size());
        assertEquals(1, restarts.stream().map(Label::start).distinct().count());
        Set<Object> backs = restarts.stream().map(Label::end).collect(Collectors.toSet());
        assertTrue(backs.size() > 1000, "jittered reconnects: " + backs.size());
        assertEquals(1000, labels(storm, "reconnect_storm").size(), "half the fleet");
    }

    @Test
    void theFaultExamplesCarryTheirFaults() {
        assertEquals(3 + 12, labels(load("offline-backlog.yaml"), "offline").size());
        assertEquals(3 + 1, labels(load("reboot.yaml"), "reboot").size());
        CompiledScenario malformed = load("malformed.yaml");
        assertEquals(10, labels(malformed, "malformed").size());
        assertEquals(5, labels(malformed, "duplicates").size());
        assertEquals(0, malformed.collars().get(0).device().qos());
    }
}
