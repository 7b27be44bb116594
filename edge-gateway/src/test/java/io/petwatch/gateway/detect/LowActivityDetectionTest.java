package io.petwatch.gateway.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class LowActivityDetectionTest {
    private static final Duration DAY = Duration.ofDays(1);

    private DetectionEngine engine;

    private List<AlertEvent> whenTheHubReceives(PetTimeline timeline, List<CollarBatch> batches) {
        // The hub's wall clock sits just after the last minute: timestamps are "now", not the future.
        engine = new DetectionEngine("hub-1", ZoneOffset.UTC, LowActivityParams.defaults(),
                Clock.fixed(timeline.now().plusSeconds(60), ZoneOffset.UTC));
        List<AlertEvent> alerts = new ArrayList<>();
        batches.forEach(b -> alerts.addAll(engine.ingest(b)));
        return alerts;
    }

    private List<AlertEvent> whenTheHubReceives(PetTimeline timeline) {
        return whenTheHubReceives(timeline, timeline.batches(60));
    }

    @Test
    void alertsOnceAfter48HoursOfLowActivity() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(10));
        Instant onset = rex.now();
        rex.lethargicFor(Duration.ofHours(96), 0.3);

        List<AlertEvent> alerts = whenTheHubReceives(rex);

        assertEquals(1, alerts.size(), () -> "alerts: " + alerts);
        AlertEvent alert = alerts.get(0);
        assertEquals(AlertKind.LOW_ACTIVITY, alert.kind());
        assertEquals(AlertState.FIRING, alert.state());
        // Each day-long block must be low on its own; a block that still holds a few normal hours can already be
        // below 50 % when the drop is deep, so the rule may fire a few hours before a full 48 h.
        long hoursAfterOnset = Duration.ofMillis(alert.detectedAtMs() - onset.toEpochMilli()).toHours();
        assertTrue(hoursAfterOnset >= 40 && hoursAfterOnset <= 48, "fired " + hoursAfterOnset + " h after onset");
        assertEquals(alert.detectedAtMs() - Duration.ofHours(48).toMillis(), alert.windowStartMs());
        assertEquals(48, alert.hourly().size(), "evidence covers every hour of the window");
        assertTrue(alert.activityRatio() < 0.45, "ratio " + alert.activityRatio());
        assertTrue(alert.wornCoverage() > 0.95, "coverage " + alert.wornCoverage());
        assertEquals("48", alert.params().get("window_hours"));
        assertEquals(LowActivityRule.NAME, alert.detectorName());
    }

    @Test
    void anAlertCarriesThePetsUsualRangeAndTheDayBeforeItsWindow() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(10));
        rex.lethargicFor(Duration.ofHours(96), 0.3);

        AlertEvent alert = whenTheHubReceives(rex).get(0);

        assertEquals(WindowScore.CONTEXT_HOURS, alert.beforeWindow().size());
        assertEquals(alert.windowStartMs(), alert.beforeWindow().get(WindowScore.CONTEXT_HOURS - 1).hourStartMs()
                + HourRing.HOUR_MS, "the day before ends where the window starts");
        long banded = alert.hourly().stream().filter(h -> h.baselineHigh() > 0).count();
        assertTrue(banded >= 40, "the usual range is known for the learned hours: " + banded + " of 48");
        for (HourEvidence h : alert.hourly()) {
            assertTrue(h.baselineLow() <= h.baseline() && h.baseline() <= h.baselineHigh() || h.baselineHigh() == 0,
                    () -> "the median lies within the quartiles: " + h);
        }
        double before = alert.beforeWindow().stream().mapToLong(HourEvidence::activity).sum();
        double during = alert.hourly().stream().mapToLong(HourEvidence::activity).sum() / 2.0;
        assertTrue(during < 0.6 * before, "the day before shows the pet as it was: " + before + " then " + during);
    }

    @Test
    void anEpisodeFoundLateIsMoreSevereAndSaysHowLongItHasLasted() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(10)).lethargicFor(Duration.ofHours(97), 0.45);
        List<CollarBatch> batches = new ArrayList<>(rex.batches(60));
        // Out of range for four days, the collar uploads its backlog newest first, then carries on.
        List<CollarBatch> backlog = new ArrayList<>(batches.subList(240, 336));
        Collections.reverse(backlog);
        List<CollarBatch> delivered = new ArrayList<>(batches.subList(0, 240));
        delivered.addAll(backlog);
        delivered.add(batches.get(336));

        List<AlertEvent> alerts = whenTheHubReceives(rex, delivered);

        assertEquals(1, alerts.size(), () -> "alerts: " + alerts.stream().map(AlertEvent::summary).toList());
        assertEquals(Severity.HIGH, alerts.get(0).severity(), "activity at 45% is not deep, but it has lasted days");
        assertTrue(alerts.get(0).summary().contains("for the last 96 h"), alerts.get(0).summary());
    }

    @Test
    void aFreshEpisodeOfModerateDepthIsMedium() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(10)).lethargicFor(Duration.ofHours(72), 0.4);

        assertEquals(Severity.MEDIUM, whenTheHubReceives(rex).get(0).severity());
    }

    @Test
    void staysQuietForAHealthyPetOverFourWeeks() {
        PetTimeline bella = PetTimeline.pet("bella").healthyFor(DAY.multipliedBy(28));

        assertEquals(List.of(), whenTheHubReceives(bella));
    }

    @Test
    void doesNotAlertOnOneLazyDay() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(10))
                .lethargicFor(DAY, 0.2).healthyFor(DAY.multipliedBy(3));

        assertEquals(List.of(), whenTheHubReceives(rex));
    }

    @Test
    void staysQuietDuringWarmUp() {
        PetTimeline pup = PetTimeline.pet("pup").healthyFor(DAY.multipliedBy(3)).lethargicFor(DAY.multipliedBy(3), 0.2);

        assertEquals(List.of(), whenTheHubReceives(pup), "no health alert before ~7 days of worn data");
        assertEquals(1, engine.stats().warmingUp(), "and the hub says the collar is still learning");
    }

    @Test
    void aCollarWithAWeekOfDataIsNoLongerWarmingUp() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(10));

        whenTheHubReceives(rex);

        assertEquals(0, engine.stats().warmingUp());
        assertEquals(1, engine.stats().collars());
    }

    @Test
    void aCollarTakenOffIsNotALethargicPetButACollarAlert() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(10)).offBodyFor(DAY.multipliedBy(3))
                .healthyFor(DAY);

        List<AlertEvent> alerts = whenTheHubReceives(rex);

        assertEquals(List.of("COLLAR_OFF FIRING", "COLLAR_OFF RESOLVED"),
                alerts.stream().map(a -> a.kind() + " " + a.state()).toList());
    }

    @Test
    void aSilentCollarIsNotALethargicPet() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(10)).silentFor(DAY.multipliedBy(3))
                .healthyFor(DAY);

        assertEquals(List.of(), whenTheHubReceives(rex));
    }

    @Test
    void resolvesOnceWhenActivityRecoversAndThenStaysQuiet() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(10))
                .lethargicFor(Duration.ofHours(72), 0.3);
        Instant recovery = rex.now();
        rex.healthyFor(DAY.multipliedBy(4));

        List<AlertEvent> alerts = whenTheHubReceives(rex);

        assertEquals(List.of(AlertState.FIRING, AlertState.RESOLVED), alerts.stream().map(AlertEvent::state).toList());
        AlertEvent resolved = alerts.get(1);
        assertEquals(alerts.get(0).windowStartMs(), resolved.windowStartMs(), "same episode");
        assertTrue(resolved.detectedAtMs() > recovery.toEpochMilli());
        assertTrue(resolved.detectedAtMs() <= recovery.plus(Duration.ofHours(25)).toEpochMilli(),
                "resolves within a day of recovery");
    }

    @Test
    void aSecondEpisodeAfterRecoveryAlertsAgainWithANewId() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(10))
                .lethargicFor(Duration.ofHours(60), 0.3).healthyFor(DAY.multipliedBy(3))
                .lethargicFor(Duration.ofHours(60), 0.3);

        List<AlertEvent> alerts = whenTheHubReceives(rex);

        assertEquals(List.of(AlertState.FIRING, AlertState.RESOLVED, AlertState.FIRING),
                alerts.stream().map(AlertEvent::state).toList());
        assertTrue(!alerts.get(0).alertId().equals(alerts.get(2).alertId()));
    }

    @Test
    void duplicatedBatchesChangeNothing() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(10)).lethargicFor(Duration.ofHours(72), 0.3);
        List<CollarBatch> twice = new ArrayList<>();
        for (CollarBatch batch : rex.batches(60)) {
            twice.add(batch);
            twice.add(batch);
        }

        List<AlertEvent> alerts = whenTheHubReceives(rex, twice);

        assertEquals(1, alerts.size());
        assertEquals(rex.batches(60).size() * 60L, engine.stats().minutesDuplicate());
    }

    @Test
    void lateBatchesWithinADayGiveTheSameAlert() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(10)).lethargicFor(Duration.ofHours(72), 0.3);
        List<AlertEvent> inOrder = whenTheHubReceives(rex);
        List<CollarBatch> shuffled = new ArrayList<>(rex.batches(60));
        // Swap neighbours in each six-hour stretch: a collar re-sending after a short outage.
        for (int i = 0; i + 6 <= shuffled.size(); i += 6) {
            Collections.reverse(shuffled.subList(i, i + 6));
        }

        List<AlertEvent> late = whenTheHubReceives(rex, shuffled);

        assertEquals(inOrder.stream().map(AlertEvent::alertId).toList(), late.stream().map(AlertEvent::alertId).toList());
    }

    @Test
    void countsBatchesSkippedInSeqAndLateArrivals() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY);
        List<CollarBatch> batches = new ArrayList<>(rex.batches(60));
        CollarBatch fourth = batches.remove(3);
        batches.remove(3); // the fifth never arrives
        batches.add(fourth); // the fourth arrives last

        whenTheHubReceives(rex, batches);

        assertEquals(2, engine.stats().seqSkipped(), "seq 4 and 5 were missing when seq 6 arrived");
        assertEquals(1, engine.stats().lateBatches());
    }

    @Test
    void samplesFromTheFutureAreRejectedNotTrusted() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(2));
        engine = new DetectionEngine("hub-1", ZoneOffset.UTC, LowActivityParams.defaults(),
                Clock.fixed(PetTimeline.START, ZoneOffset.UTC)); // wall clock at the very start

        rex.batches(60).forEach(engine::ingest);

        // Everything more than a day ahead of the hub's clock is dropped; the minute exactly a day ahead is kept.
        assertEquals(24 * 60 + 1, engine.stats().minutesAccepted());
        assertEquals(24 * 60 - 1, engine.stats().minutesRejected());
    }

    @Test
    void alertIdsAreStableAcrossRestarts() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(10)).lethargicFor(Duration.ofHours(72), 0.3);

        String first = whenTheHubReceives(rex).get(0).alertId();
        String second = whenTheHubReceives(rex).get(0).alertId();

        assertEquals(first, second);
    }
}
