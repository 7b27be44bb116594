package io.petwatch.sim.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {
    private final ReconnectPolicy policy = new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofSeconds(15));

    @Test
    void backsOffExponentiallyUpToItsCapWithinHalfAndAllOfIt() {
        SplittableRandom random = new SplittableRandom(1);
        long[] caps = {1000, 2000, 4000, 8000, 15000, 15000, 15000};
        for (int attempt = 0; attempt < caps.length; attempt++) {
            for (int i = 0; i < 200; i++) {
                long ms = policy.delay(attempt, random).toMillis();
                assertTrue(ms >= caps[attempt] / 2 && ms <= caps[attempt], "attempt " + attempt + ": " + ms + " ms");
            }
        }
        long late = policy.delay(10_000, random).toMillis();
        assertTrue(late >= 7500 && late <= 15000, "a very late attempt stays capped: " + late);
    }

    @Test
    void aFleetDroppedTogetherDoesNotComeBackInStep() {
        SplittableRandom random = new SplittableRandom(42);
        TreeSet<Long> firstTries = IntStream.range(0, 24).mapToObj(collar -> policy.delay(0, random).toMillis())
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new));

        assertTrue(firstTries.size() > 20, "24 collars, " + firstTries.size() + " distinct first delays");
        assertTrue(firstTries.last() - firstTries.first() > 250, "spread " + firstTries.first() + ".."
                + firstTries.last() + " ms");
    }

    @Test
    void nonsenseDelaysAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ReconnectPolicy(Duration.ZERO, Duration.ofSeconds(1)));
        assertEquals("max reconnect delay PT1S is below the initial delay PT2S", assertThrows(
                IllegalArgumentException.class,
                () -> new ReconnectPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1))).getMessage());
    }
}
