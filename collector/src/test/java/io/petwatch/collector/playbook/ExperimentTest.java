package io.petwatch.collector.playbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExperimentTest {
    private static final Experiment AB = new Experiment("opening-2026", 10, List.of(
            new Experiment.Variant("empathy-first", 50), new Experiment.Variant("incentive-first", 50)));

    private static Map<String, Integer> groupsOf(Experiment experiment, int customers) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < customers; i++) {
            counts.merge(experiment.assign("cus-" + i), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void aCustomerStaysInTheSameGroupEveryTime() {
        for (int i = 0; i < 100; i++) {
            assertEquals(AB.assign("cus-" + i), AB.assign("cus-" + i));
        }
    }

    @Test
    void theHoldoutAndTheVariantsGetTheirConfiguredShares() {
        Map<String, Integer> groups = groupsOf(AB, 20_000);

        assertEquals(Set.of("holdout", "empathy-first", "incentive-first"), groups.keySet());
        assertEquals(0.10, groups.get("holdout") / 20_000.0, 0.01);
        assertEquals(0.45, groups.get("empathy-first") / 20_000.0, 0.015);
        assertEquals(0.45, groups.get("incentive-first") / 20_000.0, 0.015);
    }

    @Test
    void anotherExperimentShufflesCustomersIndependently() {
        Experiment other = new Experiment("another", 10, AB.variants());
        long same = 0;
        for (int i = 0; i < 10_000; i++) {
            same += AB.assign("cus-" + i).equals(other.assign("cus-" + i)) ? 1 : 0;
        }
        assertTrue(same < 6_000, "assignments of two experiments are not the same list: " + same);
    }

    @Test
    void noHoldoutMeansEveryoneGetsOutreach() {
        Experiment none = new Experiment("x", 0, AB.variants());
        assertTrue(groupsOf(none, 5_000).keySet().stream().noneMatch("holdout"::equals));
    }

    @Test
    void aVariantScriptReplacesTheBaseOnlyWhereItExists() {
        Set<String> scripts = Set.of("triage", "triage@incentive-first");
        assertEquals("triage@incentive-first", Experiment.scriptFor("triage", "incentive-first", scripts));
        assertEquals("triage", Experiment.scriptFor("triage", "empathy-first", scripts));
    }

    @Test
    void badExperimentsAreRefusedWithTheirReason() {
        assertThrows(IllegalArgumentException.class, () -> new Experiment("x", 101, AB.variants()));
        assertThrows(IllegalArgumentException.class, () -> new Experiment("x", 0, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Experiment("x", 0,
                List.of(new Experiment.Variant("a", 0))));
    }
}
