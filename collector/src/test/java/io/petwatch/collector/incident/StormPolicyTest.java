package io.petwatch.collector.incident;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StormPolicyTest {
    private final StormPolicy policy = new StormPolicy(Duration.ofHours(6), 5, 0.2);

    @Test
    void manyCollarsOfOneFirmwareAtOnceAreAStorm() {
        assertTrue(policy.storm(5, 10));
        assertTrue(policy.storm(40, 200));
    }

    @Test
    void aFewSickPetsInABigFleetAreNot() {
        assertFalse(policy.storm(4, 10), "below the minimum count");
        assertFalse(policy.storm(30, 1000), "below the minimum share");
        assertFalse(policy.storm(5, 0), "no known collars");
    }

    @Test
    void nonsensicalThresholdsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new StormPolicy(Duration.ZERO, 5, 0.2));
        assertThrows(IllegalArgumentException.class, () -> new StormPolicy(Duration.ofHours(1), 1, 0.2));
        assertThrows(IllegalArgumentException.class, () -> new StormPolicy(Duration.ofHours(1), 5, 1.5));
    }
}
