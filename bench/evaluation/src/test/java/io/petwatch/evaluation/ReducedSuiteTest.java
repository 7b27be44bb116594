package io.petwatch.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.gateway.detect.DetectorParams;
import io.petwatch.sim.suite.ScenarioSuite;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scored suite, reduced to four collars a scenario, must clear the detection floors. */
class ReducedSuiteTest {
    private static Score score;

    @BeforeAll
    static void runTheReducedSuite() {
        DetectorParams params = DetectorParams.defaults();
        score = Score.of(SuiteRun.run(ScenarioSuite.standard(7, 4), params), params.lowActivity());
    }

    @Test
    void lethargyIsFoundAndNotImagined() {
        Score.KindScore lethargy = score.kinds().get("lethargy");
        assertEquals(12, lethargy.labels()); // sudden-lethargy, gradual-decline, rest-floor-lethargy
        assertTrue(lethargy.recall() >= 0.95, "recall " + lethargy.recall());
        assertTrue(lethargy.precision() >= 0.95, "precision " + lethargy.precision());
    }

    @Test
    void restlessNightsAreFoundAndNotImagined() {
        Score.KindScore restless = score.kinds().get("restlessness");
        assertEquals(12, restless.labels()); // restless-2-of-3, restless-3-in-a-row, rest-floor-restless
        assertTrue(restless.recall() >= 0.95, "recall " + restless.recall());
        assertTrue(restless.precision() >= 0.95, "precision " + restless.precision());
    }

    @Test
    void deviceStatesNeverReadAsIllness() {
        assertEquals(0, score.deviceHealthAlerts());
    }

    @Test
    void healthyPetsAlmostNeverAlert() {
        assertTrue(score.healthyCollarDays() >= 1000, "collar-days " + score.healthyCollarDays());
        assertTrue(1000.0 * score.healthyFalseAlerts() / score.healthyCollarDays() <= 1.0,
                score.healthyFalseAlerts() + " false alerts in " + score.healthyCollarDays() + " collar-days");
    }

    @Test
    void medianDelayIsUnderAnHourOnceTheRuleCouldFire() {
        score.kinds().forEach((kind, k) -> assertTrue(k.percentile(0.5) < 60, kind + " median " + k.percentile(0.5)));
    }
}
