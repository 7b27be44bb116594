package io.petwatch.gateway.detect;

import static io.petwatch.gateway.detect.HubUnderTest.engineFor;
import static io.petwatch.gateway.detect.HubUnderTest.feed;
import static io.petwatch.gateway.detect.HubUnderTest.health;
import static io.petwatch.gateway.detect.HubUnderTest.kindsAndStates;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A pet whose activity slowly falls over a month, without ever being lethargic for 48 h: ACTIVITY_DRIFT. */
class ActivityDriftTest {
    private static final Duration DAY = Duration.ofDays(1);

    /** Given a month of ordinary days, then a decline to 45% of them over 30 days, then a week at that level. */
    private static PetTimeline slowDecline(String collarId) {
        return PetTimeline.pet(collarId).healthyFor(DAY.multipliedBy(30)).decliningFor(DAY.multipliedBy(30), 1.0, 0.45)
                .lethargicFor(DAY.multipliedBy(7), 0.45);
    }

    private static List<AlertEvent> drift(List<AlertEvent> alerts) {
        return alerts.stream().filter(a -> a.kind() == AlertKind.ACTIVITY_DRIFT).toList();
    }

    @Test
    void raisesAfterASlowThirtyDayDecline() {
        PetTimeline rex = slowDecline("rex");

        List<AlertEvent> alerts = HubUnderTest.receiving(rex).feed(rex.batches(60));

        assertEquals(List.of("ACTIVITY_DRIFT FIRING MEDIUM"), kindsAndStates(health(alerts)),
                "the drift, and never the 48 h lethargy rule: " + kindsAndStates(alerts));
        AlertEvent drift = drift(alerts).get(0);
        assertTrue(drift.activityRatio() <= 0.6, "at most 60% of a month ago: " + drift.activityRatio());
        assertEquals(30, drift.daily().size(), "the window's days as evidence");
        assertTrue(drift.daily().stream().allMatch(DayEvidence::counted), "every day worn, every day counted");
        assertEquals(drift.windowStartMs(), drift.daily().get(0).dayStartMs());
        assertEquals(drift.detectedAtMs(), drift.daily().get(29).dayStartMs() + DAY.toMillis());
        assertTrue(drift.daily().get(29).activity() < drift.daily().get(0).activity() * 0.75,
                "the daily totals show the fall");
        Map<String, String> params = drift.params();
        assertEquals("30", params.get("window_days"));
        assertEquals("7/7", params.get("days_counted_last"));
        assertEquals("10/10", params.get("days_counted_first"));
        assertEquals("30/30", params.get("days_counted"));
        assertTrue(Long.parseLong(params.get("drop_pct")) >= 40, params.toString());
        assertTrue(Long.parseLong(params.get("level_now")) < Long.parseLong(params.get("level_then")));
        assertTrue(drift.summary().startsWith("activity falling: the trend of the pet's daily totals is down "),
                drift.summary());
        Instant detected = Instant.ofEpochMilli(drift.detectedAtMs());
        assertTrue(detected.isAfter(PetTimeline.START.plus(DAY.multipliedBy(45)))
                        && detected.isBefore(PetTimeline.START.plus(DAY.multipliedBy(64))),
                "raised late in the decline, not at its start: " + detected);
    }

    @Test
    void raisesForAStepDownThatNeverMeetsTheLethargyRuleOnceItHasLastedHalfTheWindow() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(30)).lethargicFor(DAY.multipliedBy(17),
                0.55);

        List<AlertEvent> alerts = HubUnderTest.receiving(rex).feed(rex.batches(60));

        assertEquals(List.of("ACTIVITY_DRIFT FIRING MEDIUM"), kindsAndStates(health(alerts)));
    }

    @Test
    void notForABusyWeekFollowedByOrdinaryDays() {
        // A holiday at 1.6 times the usual, then ordinary days: the month's first days were the odd ones, not the
        // last. (A busy stretch of more than a third of the window is beyond what the line shrugs off.)
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(20)).lethargicFor(DAY.multipliedBy(8), 1.6)
                .healthyFor(DAY.multipliedBy(30));

        List<AlertEvent> alerts = HubUnderTest.receiving(rex).feed(rex.batches(60));

        assertEquals(List.of(), drift(alerts));
    }

    @Test
    void neverForACollarOffOrChargingForDays() {
        Map<String, PetTimeline> pets = Map.of(
                "off for twelve days", PetTimeline.pet("a").healthyFor(DAY.multipliedBy(30))
                        .offBodyFor(DAY.multipliedBy(12)).healthyFor(DAY.multipliedBy(4)),
                "in a drawer, no wear sensing", PetTimeline.pet("b").firmwareWithoutWearSensing()
                        .healthyFor(DAY.multipliedBy(30)).zerosFor(DAY.multipliedBy(12)).healthyFor(DAY.multipliedBy(4)),
                "silent for twelve days", PetTimeline.pet("c").healthyFor(DAY.multipliedBy(30))
                        .silentFor(DAY.multipliedBy(12)).healthyFor(DAY.multipliedBy(4)),
                "charged every night", PetTimeline.pet("d").healthyFor(DAY.multipliedBy(20)).chargedEveryNight()
                        .healthyFor(DAY.multipliedBy(25)),
                "off through the working day", PetTimeline.pet("e").healthyFor(DAY.multipliedBy(30))
                        .offDuringWorkingHoursFor(14));

        pets.forEach((story, pet) -> assertEquals(List.of(),
                drift(HubUnderTest.receiving(pet).feed(pet.batches(60))), story));
    }

    @Test
    void notWhenLethargyAlreadyFired() {
        // Lethargic for three days (the 48 h rule fires), then only partly better: the month's drop is there, but
        // lethargy already told it.
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(30)).lethargicFor(DAY.multipliedBy(3), 0.3)
                .lethargicFor(DAY.multipliedBy(20), 0.55);

        List<AlertEvent> alerts = HubUnderTest.receiving(rex).feed(rex.batches(60));

        assertEquals("LOW_ACTIVITY FIRING MEDIUM", kindsAndStates(alerts).get(0));
        assertEquals(List.of(), drift(alerts));
    }

    @Test
    void aFallWithinOneWeekIsLethargysNotADrift() {
        // The scored suite's gradual decline: to 30% over seven days. Its pace is steep enough for the line, but the
        // days before the last week are not on the way down.
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(30)).decliningFor(DAY.multipliedBy(7), 1.0, 0.3)
                .lethargicFor(DAY.multipliedBy(4), 0.3);

        List<AlertEvent> alerts = HubUnderTest.receiving(rex).feed(rex.batches(60));

        assertEquals(List.of("LOW_ACTIVITY FIRING"), kindsAndStates(health(alerts)).stream()
                .map(k -> k.substring(0, k.lastIndexOf(' '))).toList(), kindsAndStates(alerts).toString());
    }

    @Test
    void notWhenLethargyFiredAndResolvedEarlierInTheWindow() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(30)).lethargicFor(DAY.multipliedBy(3), 0.3)
                .healthyFor(DAY.multipliedBy(4)).lethargicFor(DAY.multipliedBy(14), 0.55);

        List<AlertEvent> alerts = HubUnderTest.receiving(rex).feed(rex.batches(60));

        assertEquals(List.of("LOW_ACTIVITY FIRING MEDIUM", "LOW_ACTIVITY RESOLVED"),
                kindsAndStates(alerts).subList(0, 2));
        assertEquals(List.of(), drift(alerts), "lethargy fired inside the drift's 30 days");
    }

    @Test
    void oncePerEpisodeAndResolvedWhenActivityRecovers() {
        PetTimeline rex = slowDecline("rex").lethargicFor(DAY.multipliedBy(20), 0.45).healthyFor(DAY.multipliedBy(10));

        List<AlertEvent> drift = drift(HubUnderTest.receiving(rex).feed(rex.batches(60)));

        assertEquals(List.of("ACTIVITY_DRIFT FIRING MEDIUM", "ACTIVITY_DRIFT RESOLVED"), kindsAndStates(drift),
                "not raised again on each of the low days");
        assertEquals(drift.get(0).windowStartMs(), drift.get(1).windowStartMs(), "one episode");
        assertTrue(drift.get(1).summary().startsWith("activity back to"), drift.get(1).summary());
    }

    @Test
    void survivesSnapshotRestore() {
        PetTimeline rex = slowDecline("rex").lethargicFor(DAY.multipliedBy(5), 0.45).healthyFor(DAY.multipliedBy(10));
        List<CollarBatch> batches = rex.batches(60);
        List<String> uninterrupted = feed(engineFor(rex, DetectorParams.defaults()), batches).stream()
                .map(AlertEvent::alertId).toList();

        // Restarted during the decline, and again inside the open episode.
        for (int restartAt : new int[] {24 * 45 + 7, 24 * 64 + 13}) {
            DetectionEngine before = engineFor(rex, DetectorParams.defaults());
            List<AlertEvent> alerts = feed(before, batches.subList(0, restartAt));
            DetectionEngine after = engineFor(rex, DetectorParams.defaults());
            assertEquals(Map.of(), after.restore(before.snapshot()));
            alerts.addAll(feed(after, batches.subList(restartAt, batches.size())));

            assertEquals(uninterrupted, alerts.stream().map(AlertEvent::alertId).toList(),
                    "restarted after batch " + restartAt);
        }
        assertEquals(List.of("ACTIVITY_DRIFT FIRING MEDIUM", "ACTIVITY_DRIFT RESOLVED"),
                kindsAndStates(drift(feed(engineFor(rex, DetectorParams.defaults()), batches))));
    }

    @Test
    void aCollarsFullStateWithAMonthOfDailyTotalsStaysWithinEightKilobytes() {
        PetTimeline rex = slowDecline("rex");
        DetectionEngine engine = engineFor(rex, DetectorParams.defaults());
        feed(engine, rex.batches(60));
        String longestFirmware = "€".repeat(CollarText.MAX_FIRMWARE);

        int bytes = engine.snapshot(List.of("rex"), id -> longestFirmware).get("rex").length;
        DetectionEngine widest = engineFor(rex, withDriftWindow(DriftParams.MAX_WINDOW_DAYS));
        feed(widest, rex.batches(60));
        int widestBytes = widest.snapshot(List.of("rex"), id -> longestFirmware).get("rex").length;

        assertTrue(bytes < 8 * 1024, "67 days fed, 30 days of totals: " + bytes + " bytes");
        assertTrue(widestBytes < 8 * 1024, "the longest window allowed: " + widestBytes + " bytes");
        assertEquals(7 * (DriftParams.MAX_WINDOW_DAYS - 30), widestBytes - bytes, "seven bytes a day");
    }

    @Test
    void aRetunedWindowKeepsTheNewestDailyTotals() {
        PetTimeline rex = slowDecline("rex");
        DetectionEngine before = engineFor(rex, withDriftWindow(DriftParams.MAX_WINDOW_DAYS));
        feed(before, rex.batches(60));

        DetectionEngine after = engineFor(rex, DetectorParams.defaults());

        assertEquals(Map.of(), after.restore(before.snapshot()), "a longer ring is read into a shorter one");
    }

    private static DetectorParams withDriftWindow(int days) {
        DriftParams d = DriftParams.defaults();
        DetectorParams p = DetectorParams.defaults();
        return new DetectorParams(p.lowActivity(), p.restlessness(), p.device(), p.wear(), new DriftParams(days,
                d.baselineDays(), d.recentDays(), d.dropRatio(), d.resolveRatio(), d.minDayCoverage(),
                d.minUsedShare()));
    }
}
