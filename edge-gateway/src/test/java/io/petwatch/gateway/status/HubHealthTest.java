package io.petwatch.gateway.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HubHealthTest {
    private static final long T0 = 1_790_000_000_000L;
    private static final long MINUTE = 60_000;
    private static final HubHealth.Links UP = new HubHealth.Links(true, true, Optional.empty(), Optional.empty());

    private final HubHealth health = new HubHealth(HubHealth.Limits.DEFAULT, T0 - 20 * MINUTE);

    private HubHealth.Verdict at(long ms, HubHealth.Counters counters) {
        return health.assess(ms, counters, UP);
    }

    private static HubHealth.Counters lost(long seqSkipped) {
        return new HubHealth.Counters(seqSkipped, 0, 0, 0, 0);
    }

    @Test
    void whatWasLostBeforeTheFirstLookCountsFromTheStart() {
        HubHealth fresh = new HubHealth(HubHealth.Limits.DEFAULT, T0);

        assertEquals(List.of("3 batch(es) missing from collars' seq runs in the last 10 min (lost between collar"
                + " and hub)"), fresh.assess(T0 + 5_000, lost(3), UP).reasons());
    }

    @Test
    void aHubThatLosesNothingIsOk() {
        at(T0, HubHealth.Counters.ZERO);
        HubHealth.Verdict v = at(T0 + 5 * MINUTE, HubHealth.Counters.ZERO);

        assertTrue(v.ok());
        assertEquals("OK", v.state());
    }

    @Test
    void batchesMissingFromSeqRunsMakeItDegradedWithTheCount() {
        at(T0, lost(10)); // lost before the window began: history, not news
        HubHealth.Verdict v = at(T0 + MINUTE, lost(32_655));

        assertEquals("DEGRADED", v.state());
        assertEquals(List.of("32645 batch(es) missing from collars' seq runs in the last 10 min (lost between collar"
                + " and hub)"), v.reasons());
    }

    @Test
    void itIsOkAgainOnceTheLossIsOlderThanTheWindow() {
        at(T0, lost(0));
        assertFalse(at(T0 + MINUTE, lost(5)).ok());
        for (long m = 2; m <= 11; m++) {
            at(T0 + m * MINUTE, lost(5));
        }

        assertTrue(at(T0 + 12 * MINUTE, lost(5)).ok());
    }

    @Test
    void droppedPayloadsAndShedAlertsAreCounted() {
        at(T0, HubHealth.Counters.ZERO);
        HubHealth.Verdict v = at(T0 + MINUTE, new HubHealth.Counters(0, 3, 2, 0, 0));

        assertEquals(List.of("3 payload(s) dropped as unreadable in the last 10 min",
                "2 alert(s) shed from a full outbox in the last 10 min"), v.reasons());
    }

    @Test
    void aMessageWaitingLongerThanTheLagLimitIsLag() {
        at(T0, HubHealth.Counters.ZERO);

        assertTrue(at(T0 + MINUTE, new HubHealth.Counters(0, 0, 0, 0, 59_000)).ok());
        assertEquals(List.of("detection lagging: the oldest queued message has waited 61 s"),
                at(T0 + 2 * MINUTE, new HubHealth.Counters(0, 0, 0, 0, 61_000)).reasons());
    }

    @Test
    void anIntakeHeldBackForMoreThanTheLagLimitInTheWindowIsLag() {
        at(T0, new HubHealth.Counters(0, 0, 0, 500_000, 0)); // held back long ago
        assertTrue(at(T0 + MINUTE, new HubHealth.Counters(0, 0, 0, 530_000, 0)).ok());

        HubHealth.Verdict v = at(T0 + 2 * MINUTE, new HubHealth.Counters(0, 0, 0, 575_000, 0));

        assertEquals(List.of("detection lagging: the broker's deliveries were held back 75 s in the last 10 min (the"
                + " broker queues, and may drop, what waits)"), v.reasons());
    }

    @Test
    void theBrokerTheUploadsAndTheWatchdogCountToo() {
        HubHealth.Verdict v = health.assess(T0, HubHealth.Counters.ZERO, new HubHealth.Links(false, false,
                Optional.of("UNAUTHORIZED"), Optional.of("detection made no progress for 60 s")));

        assertEquals(List.of("not connected to the broker", "uploads to the collector failing: UNAUTHORIZED",
                "stuck: detection made no progress for 60 s"), v.reasons());
        assertEquals(List.of("connected but not subscribed to the collars' topics"), health.assess(T0 + 5_000,
                HubHealth.Counters.ZERO, new HubHealth.Links(true, false, Optional.empty(), Optional.empty())).reasons());
    }
}
