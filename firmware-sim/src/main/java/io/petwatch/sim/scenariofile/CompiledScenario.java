package io.petwatch.sim.scenariofile;

import io.petwatch.sim.suite.CollarScript;
import java.util.List;

/** A scenario file made into collars: the run (its speed for the publisher) and each collar's script. */
public record CompiledScenario(ScenarioFile.Run run, List<CollarScript> collars) {
    public CompiledScenario {
        collars = List.copyOf(collars);
    }
}
