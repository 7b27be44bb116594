package io.petwatch.sim.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpeedTest {
    @Test
    void mapsSimulatedMillisecondsToWallNanoseconds() {
        assertEquals(1_000_000_000L, Speed.parse("3600").wallOffsetNanos(3_600_000, 0), "an hour in a second");
        assertEquals(2_000_000_000L, Speed.parse("0.5").wallOffsetNanos(1_000, 0), "half speed");
        assertEquals(0, Speed.parse("60").wallOffsetNanos(500, 1_000), "before the start: at once");
    }

    @Test
    void maxPlaysEverythingAtOnce() {
        assertTrue(Speed.parse("MAX").max());
        assertEquals(0, Speed.MAX.wallOffsetNanos(86_400_000, 0));
        assertEquals("max", Speed.MAX.toString());
    }

    @Test
    void refusesWhatIsNoSpeed() {
        for (String bad : new String[] {"0", "-1", "fast", "Infinity", "NaN"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Speed.parse(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }
}
