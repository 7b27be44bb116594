package io.petwatch.collector.trigger;

import io.petwatch.collector.signal.TriggerKind;
import static io.petwatch.collector.trigger.Signals.checkpoint;
import static io.petwatch.collector.trigger.Signals.days;
import static io.petwatch.collector.trigger.Signals.hours;
import static io.petwatch.collector.trigger.Signals.of;
import static io.petwatch.collector.trigger.Signals.parcel;
import static io.petwatch.collector.trigger.Signals.parcelHistory;
import static io.petwatch.collector.trigger.Signals.rules;
import static io.petwatch.collector.trigger.Signals.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StuckRuleTest {
    private static final Instant LABEL = hours(0);

    private static List<Trigger> stuck(History history, Instant now) {
        return of(TriggerKind.PARCEL_STUCK, rules().evaluate(history, now));
    }

    private static SignalEvent firstScan() {
        return update("evt_1", hours(10), "in_transit", LABEL, checkpoint("in_transit", hours(10)));
    }

    private static SignalEvent abroad() {
        return parcel("evt_2", hours(30), """
                {"tracking_code": "TRK1", "carrier": "DHL", "status": "in_transit", "origin_country": "GB",
                 "destination_country": "FR", "international": true, "est_delivery": "2026-12-08T00:00:00Z",
                 "checkpoints": [{"at": "2026-12-02T15:00:00Z", "status": "in_transit", "country": "GB"}]}""");
    }

    @Test
    void domesticParcelsGetFiveDays() {
        History history = parcelHistory(firstScan());
        assertTrue(stuck(history, hours(10).plus(java.time.Duration.ofDays(5))).isEmpty(), "exactly 5 days is not more");
        List<Trigger> raised = stuck(history, hours(11).plus(java.time.Duration.ofDays(5)));
        assertEquals(1, raised.size());
        assertEquals("sig-PARCEL_STUCK-TRK1-" + hours(10).getEpochSecond(), raised.get(0).alertId());
        assertEquals(5L, raised.get(0).params().get("days_in_transit"));
        assertEquals(false, raised.get(0).params().get("international"));
        assertTrue(raised.get(0).summary().contains("a domestic parcel"), raised.get(0).summary());
    }

    @Test
    void internationalParcelsGetTenDays() {
        History history = parcelHistory(firstScan(), abroad());
        assertTrue(stuck(history, days(9)).isEmpty(), "9 days abroad is within 10");
        List<Trigger> raised = stuck(history, days(11));
        assertEquals(1, raised.size());
        assertEquals(true, raised.get(0).params().get("international"));
        assertEquals("DHL", raised.get(0).params().get("carrier"), "the latest update's carrier");
        assertEquals("2026-12-08T00:00:00Z", raised.get(0).params().get("est_delivery"));
        assertEquals(days(11), raised.get(0).detectedAt());
    }

    @Test
    void notYetScannedIsNotStuck() {
        History history = parcelHistory(update("evt_1", hours(0), "pre_transit", LABEL));
        assertTrue(stuck(history, days(30)).isEmpty(), "that is the no-scan rule's case");
    }

    @Test
    void transitCountsFromTheEarliestScanWhateverOrderTheUpdatesCameIn() {
        SignalEvent later = update("evt_2", days(4), "in_transit", LABEL, checkpoint("in_transit", days(4)));
        History history = parcelHistory(later, firstScan());
        assertEquals(1, stuck(history, days(5).plus(java.time.Duration.ofHours(11))).size());
    }

    @Test
    void aParcelWaitingAtAPickupPointOrReturnedIsNotStuck() {
        assertTrue(stuck(parcelHistory(firstScan(),
                update("evt_2", days(2), "available_for_pickup", LABEL)), days(20)).isEmpty());
        assertTrue(stuck(parcelHistory(firstScan(),
                update("evt_2", days(2), "return_to_sender", LABEL)), days(20)).isEmpty());
    }

    @Test
    void anUnknownLatestStatusDoesNotStopTheClock() {
        History history = parcelHistory(firstScan(), update("evt_2", days(2), "misrouted-ish", LABEL));
        assertEquals(1, stuck(history, days(6)).size());
    }

    @Test
    void deliveryResolvesIt() {
        History history = parcelHistory(firstScan(),
                update("evt_2", days(7), "delivered", LABEL, checkpoint("delivered", days(7))));
        List<Trigger> raised = stuck(history, days(8));
        assertEquals(1, raised.size());
        assertTrue(raised.get(0).resolved());
        assertEquals("sig-PARCEL_STUCK-TRK1-" + hours(10).getEpochSecond() + "-resolved", raised.get(0).alertId());
    }
}
