package io.petwatch.sim.scenariofile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.petwatch.sim.suite.CollarScript;
import io.petwatch.sim.suite.ScenarioSuite;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** standard-suite.yaml is the built-in scored suite: same collars, effects, labels and batches for a seed. */
class StandardSuiteFileTest {
    static final Path FILE = Path.of("scenarios/standard-suite.yaml");

    @Test
    void theSuiteFileMakesTheBuiltInSuitesCollarsForItsSeedAndForAnother() {
        ScenarioFile file = new ScenarioFileReader().read(FILE);
        for (long seed : new long[] {42, 7}) {
            List<CollarScript> fromFile = ScenarioCompiler.compile(file.withSeed(seed)).collars();
            List<CollarScript> builtIn = ScenarioSuite.standard(seed, 4);

            assertEquals(builtIn.size(), fromFile.size());
            for (int i = 0; i < builtIn.size(); i++) {
                // Records all the way down: id, scenario, pet, zone, seed, device, effects and labels.
                assertEquals(builtIn.get(i), fromFile.get(i), builtIn.get(i).collarId());
            }
        }
    }

    @Test
    void theSuiteFileSendsTheSameBatchesAtTheSameTimesAndWritesTheSameLabels() {
        List<CollarScript> fromFile = ScenarioCompiler.load(FILE).collars();
        List<CollarScript> builtIn = ScenarioSuite.standard(42, 4);

        for (int i = 0; i < builtIn.size(); i += 4) { // one collar a scenario: the batches follow from the script
            assertEquals(builtIn.get(i).deliveries(), fromFile.get(i).deliveries(), builtIn.get(i).collarId());
        }
        assertEquals(builtIn.stream().flatMap(s -> s.labels().stream()).map(l -> l.json()).toList(),
                fromFile.stream().flatMap(s -> s.labels().stream()).map(l -> l.json()).toList());
    }
}
