package io.petwatch.sim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.petwatch.sim.delivery.Delivery;
import io.petwatch.sim.metrics.FleetMetrics.Connect;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
    @Test
    void oneLineWithConnectionsSendsTheirRateAnswersAndTheP99() {
        FleetMetrics metrics = new FleetMetrics();
        metrics.collars(10_000);
        for (int i = 0; i < 9_999; i++) {
            metrics.connected(Connect.FIRST, 0, i);
        }
        for (int i = 0; i < 12_345; i++) {
            metrics.handed();
            metrics.sent(i);
        }
        for (int i = 0; i < 12_300; i++) {
            metrics.acknowledged(12_300_000, i);
            metrics.settled(Delivery.Status.ACKNOWLEDGED);
        }

        String line = ProgressLine.line(metrics, 2_345, 5_000_000_000L);

        assertEquals("[00:00] collars 9,999/10,000 connected, sent 12,345 (2,000/s), acked 12,300, in flight 45,"
                + " p99 ack 12.3 ms", line);
    }

    @Test
    void undeliveredDropsAndReconnectsShowOnceThereAreAny() {
        FleetMetrics metrics = new FleetMetrics();
        metrics.collars(1);
        metrics.handed();
        metrics.settled(Delivery.Status.NOT_SENT);
        metrics.dropped();
        metrics.connected(Connect.ASKED, 0, 1);

        assertEquals("[00:00] collars 1/1 connected, sent 0 (0/s), acked 0, in flight 0, p99 ack 0.0 ms,"
                + " undelivered 1, drops 1, reconnects 1", ProgressLine.line(metrics, 0, 1_000_000_000L));
    }
}
