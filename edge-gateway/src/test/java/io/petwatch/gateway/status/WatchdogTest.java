package io.petwatch.gateway.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WatchdogTest {
    private static final long T0 = 1_000_000_000L;
    private final Watchdog watchdog = new Watchdog(new Watchdog.Limits(Duration.ofSeconds(60), Duration.ofSeconds(600),
            3, Duration.ofSeconds(300)));

    /** A gateway connected and subscribed since T0, detection turning over at {@code progressMs}. */
    private static Watchdog.Vitals well(long progressMs) {
        return new Watchdog.Vitals(true, progressMs, 0, true, true, T0, 0, 0);
    }

    @Test
    void aWellGatewayIsLeftAloneEvenWhenNoCollarSpeaksForHours() {
        assertEquals(Optional.empty(), watchdog.check(T0 + 3_600_000, well(T0 + 3_599_000)));
    }

    @Test
    void detectionThatStopsTurningOverIsStuck() {
        Watchdog.Vitals stalled = new Watchdog.Vitals(true, T0, 1024, true, true, T0, 0, 0);

        assertEquals(Optional.empty(), watchdog.check(T0 + 59_000, stalled));
        assertEquals(Optional.of("detection made no progress for 60 s with 1024 message(s) waiting"),
                watchdog.check(T0 + 60_000, stalled));
    }

    @Test
    void aDeadDetectionThreadIsStuckAtOnce() {
        assertTrue(watchdog.check(T0, new Watchdog.Vitals(false, T0, 0, true, true, T0, 0, 0)).isPresent());
    }

    @Test
    void connectedWithoutSubscriptionsForTooLongIsStuck() {
        Watchdog.Vitals unsubscribed = new Watchdog.Vitals(true, T0 + 119_000, 0, true, false, T0, 1, 0);

        assertEquals(Optional.of("connected to the broker but not subscribed for 120 s"),
                watchdog.check(T0 + 120_000, unsubscribed));
    }

    @Test
    void aBrokerOutOfReachLongerThanTheLimitIsStuck() {
        Watchdog.Vitals away = new Watchdog.Vitals(true, T0 + 599_000, 0, false, false, T0, 1, 0);

        assertEquals(Optional.empty(), watchdog.check(T0 + 599_000, away));
        assertEquals(Optional.of("not connected to the broker for 600 s"), watchdog.check(T0 + 600_000, away));
    }

    @Test
    void aConnectionThatKeepsDroppingWhileNothingGetsThroughIsStuck() {
        assertEquals(Optional.empty(), watchdog.check(T0, new Watchdog.Vitals(true, T0, 0, true, true, T0, 2, 7)));
        assertEquals(Optional.of("the broker connection dropped 3 times in 300 s with no batch processed"),
                watchdog.check(T0 + 10_000, new Watchdog.Vitals(true, T0 + 10_000, 0, true, true, T0, 3, 7)));
    }

    @Test
    void reconnectsWhileBatchesFlowAreNotFlapping() {
        watchdog.check(T0, new Watchdog.Vitals(true, T0, 0, true, true, T0, 2, 7));

        assertEquals(Optional.empty(), watchdog.check(T0 + 10_000,
                new Watchdog.Vitals(true, T0 + 10_000, 0, true, true, T0, 3, 50)));
    }

    @Test
    void oldDropsAgeOutOfTheWindow() {
        watchdog.check(T0, new Watchdog.Vitals(true, T0, 0, true, true, T0, 2, 7));

        assertEquals(Optional.empty(), watchdog.check(T0 + 400_000,
                new Watchdog.Vitals(true, T0 + 400_000, 0, true, true, T0 + 400_000, 3, 7)));
    }
}
