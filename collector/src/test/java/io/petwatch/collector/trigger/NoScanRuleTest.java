package io.petwatch.collector.trigger;

import io.petwatch.collector.signal.TriggerKind;
import static io.petwatch.collector.trigger.Signals.checkpoint;
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
import java.util.Map;
import org.junit.jupiter.api.Test;

class NoScanRuleTest {
    private static final Instant LABEL = hours(0);

    private static List<Trigger> noScan(History history, Instant now) {
        return of(TriggerKind.PARCEL_NO_SCAN, rules().evaluate(history, now));
    }

    private static SignalEvent labelOnly() {
        return update("evt_1", hours(0), "pre_transit", LABEL, checkpoint("pre_transit", hours(0)));
    }

    @Test
    void raisesNoScanOnce48HoursAfterTheLabelWithoutACheckpoint() {
        History history = parcelHistory(labelOnly());
        assertTrue(noScan(history, hours(47)).isEmpty(), "not yet 48 h");

        List<Trigger> raised = noScan(history, hours(50));
        assertEquals(1, raised.size());
        Trigger t = raised.get(0);
        assertEquals("sig-PARCEL_NO_SCAN-TRK1-" + LABEL.getEpochSecond(), t.alertId());
        assertEquals(hours(50), t.detectedAt(), "an absence is decided on the clock");
        assertEquals(Map.of("carrier", "USPS", "tracking_code", "TRK1", "hours_since_label", 50L), t.params());
        assertEquals("delivery.no-scan-48h", t.kind().detector());
        assertEquals(noScan(history, hours(60)).get(0).alertId(), t.alertId(), "the same alert: raised once");
    }

    @Test
    void aCheckpointAt47HoursKeepsItQuiet() {
        History history = parcelHistory(labelOnly(),
                update("evt_2", hours(47), "in_transit", LABEL, checkpoint("in_transit", hours(47))));
        assertTrue(noScan(history, hours(200)).isEmpty());
    }

    @Test
    void aFirstScanAfter48HoursStillCountsAsLate() {
        History history = parcelHistory(labelOnly(),
                update("evt_2", hours(52), "in_transit", LABEL, checkpoint("in_transit", hours(52))));
        assertEquals(1, noScan(history, hours(52)).size());
    }

    @Test
    void aLabelOnlyCheckpointOrAnUnknownStatusIsNotAScan() {
        History history = parcelHistory(labelOnly(),
                update("evt_2", hours(10), "unknown", LABEL, checkpoint("pre_transit", hours(0)),
                        checkpoint("unknown", hours(10)), checkpoint("teleported", hours(11))));
        assertEquals(1, noScan(history, hours(49)).size());
    }

    @Test
    void aCheckpointArrivingBeforeItsLabelUpdateStillCounts() {
        SignalEvent scan = update("evt_2", hours(30), "in_transit", LABEL, checkpoint("in_transit", hours(30)));
        assertTrue(noScan(parcelHistory(scan, labelOnly()), hours(49)).isEmpty(), "stored out of order");
    }

    @Test
    void withoutALabelTimeThereIsNothingToCountFrom() {
        SignalEvent bare = parcel("evt_1", hours(0), "{\"tracking_code\": \"TRK1\", \"status\": \"pre_transit\"}");
        SignalEvent badTime = parcel("evt_2", hours(1), """
                {"tracking_code": "TRK1", "status": "pre_transit", "label_created_at": "yesterday"}""");
        assertTrue(noScan(parcelHistory(bare, badTime), hours(500)).isEmpty());
    }

    @Test
    void theLatestLabelTimeWins() {
        // intake corrects a label time from the retailer's records on a later update
        SignalEvent corrected = update("evt_2", hours(30), "pre_transit", hours(20));
        History history = parcelHistory(labelOnly(), corrected);
        assertTrue(noScan(history, hours(50)).isEmpty(), "48 h from the corrected label (20 h) is 68 h");
        assertEquals(1, noScan(history, hours(69)).size());
    }

    @Test
    void aCancelledLabelWaitsForNothing() {
        History history = parcelHistory(labelOnly(), update("evt_2", hours(5), "cancelled", LABEL));
        assertTrue(noScan(history, hours(100)).isEmpty());
    }

    @Test
    void deliveryResolvesIt() {
        History history = parcelHistory(labelOnly(),
                update("evt_2", hours(60), "in_transit", LABEL, checkpoint("in_transit", hours(60))),
                update("evt_3", hours(90), "delivered", LABEL, checkpoint("delivered", hours(89))));
        List<Trigger> raised = noScan(history, hours(91));
        assertEquals(1, raised.size());
        assertTrue(raised.get(0).resolved());
        assertEquals("sig-PARCEL_NO_SCAN-TRK1-" + LABEL.getEpochSecond() + "-resolved", raised.get(0).alertId());
        assertEquals(hours(89), raised.get(0).detectedAt(), "resolved when the carrier says it was delivered");
    }
}
