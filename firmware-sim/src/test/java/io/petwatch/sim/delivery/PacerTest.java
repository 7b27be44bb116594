package io.petwatch.sim.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {
    /** A clock that only moves when the pacer sleeps or the test says so. */
    private static final class FakeClock implements Pacer.Clock {
        long now = 1_000_000_000L;
        final List<Long> sleeps = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            sleeps.add(nanos);
            now += nanos;
        }
    }

    @Test
    void holdsTheFleetToItsRate() {
        FakeClock clock = new FakeClock();
        Pacer pacer = new Pacer(10, clock);

        pacer.awaitTurn(0);
        pacer.awaitTurn(5); // five batches at 10 a second are due half a second later
        pacer.awaitTurn(10);

        assertEquals(List.of(500_000_000L, 500_000_000L), clock.sleeps);
    }

    @Test
    void startsCountingAfreshAfterAStallInsteadOfBursting() {
        FakeClock clock = new FakeClock();
        Pacer pacer = new Pacer(10, clock);
        pacer.awaitTurn(0);

        clock.now += 30_000_000_000L; // the broker was away for 30 s
        pacer.awaitTurn(5);
        pacer.awaitTurn(10);

        assertEquals(List.of(500_000_000L), clock.sleeps, "no catching up on the 30 s lost");
    }

    @Test
    void doesNotWaitWhenPublishingFellBehindByLessThanASecond() {
        FakeClock clock = new FakeClock();
        Pacer pacer = new Pacer(10, clock);
        pacer.awaitTurn(0);

        clock.now += 800_000_000L;
        pacer.awaitTurn(5);
        pacer.awaitTurn(10);

        assertEquals(List.of(200_000_000L), clock.sleeps);
    }
}
