package io.petwatch.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioTest {
    private static final Instant START = Instant.parse("2026-05-04T00:00:00Z");
    private static final Instant END = START.plus(Duration.ofDays(14));
    private static final List<String> IDS = List.of("a", "b", "c", "d", "e", "f");

    @Test
    void picksTheRequestedNumberOfCollarsDeterministically() {
        Scenario one = Scenario.lethargy(IDS, List.of(), 2, Duration.ofHours(72), START, END, 42);
        Scenario two = Scenario.lethargy(IDS, List.of(), 2, Duration.ofHours(72), START, END, 42);

        assertEquals(2, one.episodes().size());
        assertEquals(one, two);
    }

    @Test
    void episodesStartAfterTheBaselineIsLearned() {
        Scenario scenario = Scenario.lethargy(IDS, List.of("c"), 0, Duration.ofHours(72), START, END, 1);
        Episode episode = scenario.episodes().get(0);

        assertEquals("c", episode.collarId());
        assertTrue(!episode.start().isBefore(START.plus(Duration.ofDays(10))));
        assertEquals(Duration.ofHours(72), Duration.between(episode.start(), episode.end()));
        assertEquals(episode.factor(), scenario.factor("c", episode.start()));
        assertEquals(1.0, scenario.factor("c", episode.end()));
        assertEquals(1.0, scenario.factor("a", episode.start()));
    }

    @Test
    void refusesAnUnknownCollarByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Scenario.lethargy(IDS, List.of("zz"), 0, Duration.ofHours(72), START, END, 1));

        assertTrue(e.getMessage().contains("'zz'"));
    }

    @Test
    void refusesARunTooShortToLearnABaseline() {
        assertThrows(IllegalArgumentException.class,
                () -> Scenario.lethargy(IDS, List.of(), 1, Duration.ofHours(72), START, START.plus(Duration.ofDays(7)), 1));
    }
}
