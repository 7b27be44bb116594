package io.petwatch.sim.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClosestTest {
    private static final List<String> RUN = List.of("name", "description", "start", "days", "seed", "speed");

    @Test
    void prefersFewestEditsThenTheLongestCommonStart() {
        assertEquals(Optional.of("speed"), Closest.to("sped", RUN));
        assertEquals(Optional.of("days"), Closest.to("dayz", RUN));
        assertEquals(Optional.of("description"), Closest.to("Descripton", RUN));
    }

    @Test
    void prefersANameThatContainsWhatWasGiven() {
        assertEquals(Optional.of("large dog"), Closest.to("dog", List.of("puppy", "large dog", "medium dog")));
        assertEquals(Optional.empty(), Closest.to("x", List.of()));
        assertEquals("", Closest.suggestion("x", List.of()));
    }
}
