package io.petwatch.collector.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.petwatch.collector.testing.Jdbc;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Instances ticking together: one of them sweeps per interval, whichever ticks first. */
@QuarkusTest
class SweepTurnsIT {
    private static final Duration INTERVAL = Duration.ofMinutes(5);

    @Inject
    SweepTurns turns;
    @Inject
    Jdbc jdbc;

    @Test
    void fourInstancesTickingAtOnceSweepOncePerInterval() throws Exception {
        String sweep = "it-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        jdbc.update("INSERT INTO sweep_turns (name, started_at) VALUES (?, '-infinity')", sweep);
        Instant t0 = Instant.parse("2026-12-05T12:00:00Z");

        assertEquals(1, takenAtOnce(sweep, t0, 4), "the first tick of four");
        assertEquals(0, takenAtOnce(sweep, t0.plus(Duration.ofMinutes(4)), 4), "within nine tenths of the interval");
        assertEquals(1, takenAtOnce(sweep, t0.plus(INTERVAL).minusSeconds(10), 4), "the next interval's ticks");
    }

    private int takenAtOnce(String sweep, Instant now, int instances) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        try {
            List<Callable<Boolean>> ticks = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                ticks.add(() -> turns.take(sweep, now, INTERVAL));
            }
            int taken = 0;
            for (Future<Boolean> f : pool.invokeAll(ticks)) {
                taken += f.get() ? 1 : 0;
            }
            return taken;
        } finally {
            pool.shutdownNow();
        }
    }
}
