package io.petwatch.sim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.petwatch.sim.delivery.Percentiles;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {
    @Test
    void percentilesInMillisecondsOverEverythingRecordedSoFar() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int ms = 1; ms <= 500; ms++) {
            recorder.record(ms * 1_000_000L);
        }
        recorder.percentiles(); // a read between recordings loses nothing
        for (int ms = 501; ms <= 1000; ms++) {
            recorder.record(ms * 1_000_000L);
        }

        Percentiles p = recorder.percentiles();

        assertEquals(1000, p.count());
        assertEquals(500, p.p50(), 0.5);
        assertEquals(900, p.p90(), 1);
        assertEquals(990, p.p99(), 1);
        assertEquals(999, p.p999(), 1);
        assertEquals(1000, p.max(), 1);
        assertEquals(500.5, recorder.sumSeconds(), 0.5);
    }

    @Test
    void nothingRecordedIsAllZero() {
        assertEquals(Percentiles.NONE, new LatencyRecorder().percentiles());
    }

    @Test
    void keepsSubMillisecondLatenciesToTheMicrosecond() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.record(250_000); // 0.25 ms

        assertEquals(0.25, recorder.percentiles().p50(), 0.001);
    }
}
