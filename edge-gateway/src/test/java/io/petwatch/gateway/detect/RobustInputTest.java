package io.petwatch.gateway.detect;

import static io.petwatch.gateway.detect.HubUnderTest.kindsAndStates;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whatever the network and the firmware do to the data, no false alert and no crash. */
class RobustInputTest {
    private static final Duration DAY = Duration.ofDays(1);

    @Test
    void aDayOfBacklogUploadedInReverseOrderChangesNothing() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(12));
        List<CollarBatch> batches = new ArrayList<>(rex.batches(60));
        Collections.reverse(batches.subList(24 * 9, 24 * 10)); // day 10 arrives newest first after reconnecting

        HubUnderTest hub = HubUnderTest.receiving(rex);
        assertEquals(List.of(), kindsAndStates(hub.feed(batches)));
        assertEquals(12 * 24 * 60, hub.stats().minutesAccepted());
    }

    @Test
    void batchesThatNeverArrivedAreCountedAndNamed() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY);
        List<CollarBatch> batches = new ArrayList<>(rex.batches(60));
        batches.remove(6); // seq 7
        batches.remove(3); // seq 4

        HubUnderTest hub = HubUnderTest.receiving(rex);
        hub.feed(batches);

        assertEquals(new CollarProgress(0, 24, 2, List.of(4L, 7L)), hub.progress("rex"));
    }

    @Test
    void aCollarWhoseSeqRestartsKeepsBeingHeard() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(2));
        List<CollarBatch> batches = new ArrayList<>();
        for (CollarBatch b : rex.batches(60)) {
            long seq = b.seq() <= 24 ? b.seq() + 1000 : b.seq() - 24; // a firmware reset after the first day
            batches.add(new CollarBatch(b.collarId(), seq, b.firmware(), b.batteryPct(), b.charging(), b.samples()));
        }

        HubUnderTest hub = HubUnderTest.receiving(rex);
        hub.feed(batches);

        assertEquals(2 * 24 * 60, hub.stats().minutesAccepted(), "the second day's data is new, whatever its seq");
    }

    @Test
    void aBatchResentUnderItsSeqIsDroppedWhole() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY);
        List<CollarBatch> batches = new ArrayList<>(rex.batches(60));
        batches.add(batches.get(5));
        batches.add(batches.get(6));

        HubUnderTest hub = HubUnderTest.receiving(rex);
        hub.feed(batches);

        assertEquals(2, hub.stats().duplicateBatches());
        assertEquals(24 * 60, hub.stats().minutesAccepted());
    }

    @Test
    void minutesFarInThePastAreRejectedNotMixedIn() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(40));
        List<CollarBatch> batches = new ArrayList<>(rex.batches(60));
        CollarBatch ancient = batches.get(0);
        batches.add(new CollarBatch("rex", 99_999, "x", 80, false, ancient.samples()));

        HubUnderTest hub = HubUnderTest.receiving(rex);
        assertEquals(List.of(), kindsAndStates(hub.feed(batches)));
        assertEquals(60, hub.stats().minutesRejected(), "older than the collar's history");
    }

    @Test
    void aDaylightSavingChangeIsNotAnEpisode() {
        // Europe/Paris springs forward on 2026-03-29; the pet keeps to local time through it.
        PetTimeline rex = PetTimeline.pet("rex").livingIn(ZoneId.of("Europe/Paris")).healthyFor(DAY.multipliedBy(40));

        List<AlertEvent> alerts = HubUnderTest.in(ZoneId.of("Europe/Paris"), rex, id -> DetectorParams.defaults())
                .feed(rex.batches(60));

        assertEquals(List.of(), kindsAndStates(alerts));
    }

    @Test
    void aDayOfMuchLongerWalksIsNotAnEpisode() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(14)).longWalksFor(DAY, 3)
                .healthyFor(DAY.multipliedBy(5));

        assertEquals(List.of(), kindsAndStates(HubUnderTest.receiving(rex).feed(rex.batches(60))));
    }

    @Test
    void batchesWithOddSizesAndEmptyBatchesAreFine() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(10)).lethargicFor(Duration.ofHours(72), 0.3);
        List<CollarBatch> batches = new ArrayList<>(rex.batches(17));
        batches.add(3, new CollarBatch("rex", 0, "x", 80, false, List.of()));

        assertEquals(List.of("LOW_ACTIVITY FIRING MEDIUM"),
                kindsAndStates(HubUnderTest.receiving(rex).feed(batches)));
    }
}
