package io.petwatch.sim.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.petwatch.sim.delivery.LinkStats;
import org.junit.jupiter.api.Test;

class ConnectionStatsTest {
    private static final long MS = 1_000_000L;

    @Test
    void countsReconnectsAndEveryStretchOffline() {
        ConnectionStats stats = new ConnectionStats();
        stats.connected(0);
        stats.disconnected(100 * MS);
        stats.disconnected(600 * MS); // a failed attempt while still offline
        stats.connected(1_100 * MS);
        stats.disconnected(2_000 * MS);
        stats.connected(2_300 * MS);

        assertEquals(new LinkStats(2, 1_300, 1_000), stats.snapshot(5_000 * MS));
    }

    @Test
    void aStretchStillOpenCountsUntilNowAndEndsAtTheClose() {
        ConnectionStats stats = new ConnectionStats();
        stats.connected(0);
        stats.disconnected(1_000 * MS);

        assertEquals(new LinkStats(0, 500, 500), stats.snapshot(1_500 * MS));

        stats.closed(3_000 * MS);
        stats.disconnected(3_001 * MS); // the goodbye's own disconnect
        assertEquals(new LinkStats(0, 2_000, 2_000), stats.snapshot(9_000 * MS));
    }

    @Test
    void aFirstConnectionThatNeverCameIsNoTimeOffline() {
        ConnectionStats stats = new ConnectionStats();
        stats.disconnected(0);

        assertEquals(LinkStats.NONE, stats.snapshot(5_000 * MS));
    }
}
