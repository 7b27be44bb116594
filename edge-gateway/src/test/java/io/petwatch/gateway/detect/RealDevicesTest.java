package io.petwatch.gateway.detect;

import static io.petwatch.gateway.detect.HubUnderTest.health;
import static io.petwatch.gateway.detect.HubUnderTest.kindsAndStates;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Collars as real hardware behaves: a quantised rest floor, deep rest that reads as exact zeros, a collar taken off
 * while the hub is still learning the pet, and a new pet's first restless nights.
 */
class RealDevicesTest {
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final int FLOOR = 3;

    private static List<AlertEvent> alertsFor(PetTimeline timeline) {
        return HubUnderTest.receiving(timeline).feed(timeline.batches(60));
    }

    private static List<AlertEvent> ofKind(List<AlertEvent> alerts, AlertKind kind) {
        return alerts.stream().filter(a -> a.kind() == kind).toList();
    }

    private static List<MinuteSample> samples(PetTimeline timeline) {
        return timeline.batches(60).stream().flatMap(b -> b.samples().stream()).toList();
    }

    /** The longest run of consecutive minutes reporting exactly {@code value}. */
    private static int longestRunOf(PetTimeline timeline, int value) {
        int longest = 0;
        int run = 0;
        for (MinuteSample s : samples(timeline)) {
            run = s.activity() == value ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    private static long at(Duration sinceStart) {
        return PetTimeline.START.plus(sinceStart).toEpochMilli();
    }

    // --- a quantised rest floor ------------------------------------------------------------------------------------

    @Test
    void aDeviceThatReportsItsRestFloorAllNightRaisesNothingOverTwoWeeks() {
        PetTimeline rex = PetTimeline.pet("rex").withRestFloor(FLOOR).healthyFor(DAY.multipliedBy(14));

        List<AlertEvent> alerts = alertsFor(rex);

        assertTrue(longestRunOf(rex, FLOOR) >= 8 * 60,
                "the device repeats its floor through whole nights: " + longestRunOf(rex, FLOOR) + " min");
        assertEquals(List.of(), kindsAndStates(alerts), "no SENSOR_STUCK, no COLLAR_OFF for a resting pet");
    }

    @Test
    void aHigherFloorIsLearnedEvenAfterDaysInADrawer() {
        // A floor of 7 is above the counts every device treats as rest: only a learned floor keeps these nights rest.
        PetTimeline rex = PetTimeline.pet("rex").firmwareWithoutWearSensing().withRestFloor(7)
                .healthyFor(DAY.multipliedBy(3)).zerosFor(DAY.multipliedBy(3)).healthyFor(DAY.multipliedBy(7));

        List<AlertEvent> alerts = alertsFor(rex);

        assertTrue(longestRunOf(rex, 7) >= 8 * 60, "whole nights at the floor: " + longestRunOf(rex, 7) + " min");
        assertEquals(List.of(), ofKind(alerts, AlertKind.SENSOR_STUCK));
        assertEquals(List.of("COLLAR_OFF FIRING LOW", "COLLAR_OFF RESOLVED"),
                kindsAndStates(ofKind(alerts, AlertKind.COLLAR_OFF)), "the drawer days are told as such");
    }

    @Test
    void nightsAtTheRestFloorAreWornSoALethargyEpisodeOnThatDeviceStillAlerts() {
        PetTimeline rex = PetTimeline.pet("rex").withRestFloor(FLOOR).healthyFor(DAY.multipliedBy(14))
                .lethargicFor(Duration.ofHours(72), 0.3);

        List<AlertEvent> alerts = alertsFor(rex);

        assertEquals(List.of("LOW_ACTIVITY FIRING MEDIUM"), kindsAndStates(alerts));
        assertTrue(alerts.get(0).wornCoverage() > 0.9, "the floor nights count as worn: " + alerts.get(0).wornCoverage());
    }

    @Test
    void restlessNightsShowAboveTheRestFloor() {
        PetTimeline rex = PetTimeline.pet("rex").withRestFloor(FLOOR).healthyFor(DAY.multipliedBy(16))
                .restlessNightsFor(3, 8).healthyFor(Duration.ofHours(12));

        assertEquals(List.of("RESTLESS_NIGHTS FIRING MEDIUM", "RESTLESS_NIGHTS FIRING HIGH"),
                kindsAndStates(alertsFor(rex)));
    }

    @Test
    void aValueFarFromTheRestFloorRepeatedForFourHoursIsAStuckSensor() {
        PetTimeline rex = PetTimeline.pet("rex").withRestFloor(FLOOR).healthyFor(DAY.multipliedBy(7))
                .stuckFor(Duration.ofHours(4), 37).healthyFor(DAY);

        List<AlertEvent> alerts = alertsFor(rex);

        assertEquals(List.of("SENSOR_STUCK FIRING LOW", "SENSOR_STUCK RESOLVED"), kindsAndStates(alerts));
        assertEquals(at(DAY.multipliedBy(7)), alerts.get(0).windowStartMs(), "stuck since the run began");
    }

    @Test
    void theRestFloorRepeatedForMoreThanADayIsAStuckSensor() {
        Duration stuckFrom = DAY.multipliedBy(7);
        Duration stuckUntil = stuckFrom.plusHours(26);
        PetTimeline rex = PetTimeline.pet("rex").withRestFloor(FLOOR).healthyFor(stuckFrom)
                .stuckFor(Duration.ofHours(26), FLOOR).healthyFor(DAY);

        List<AlertEvent> alerts = alertsFor(rex);

        assertEquals(List.of(), kindsAndStates(health(alerts)));
        assertEquals(List.of(), kindsAndStates(ofKind(alerts, AlertKind.COLLAR_OFF)), "a fault, not a collar taken off");
        List<AlertEvent> stuck = ofKind(alerts, AlertKind.SENSOR_STUCK);
        assertEquals(List.of("SENSOR_STUCK FIRING LOW", "SENSOR_STUCK RESOLVED"), kindsAndStates(stuck));
        AlertEvent firing = stuck.get(0);
        assertTrue(firing.windowStartMs() <= at(stuckFrom), "the plateau began at or before the fault");
        assertTrue(firing.detectedAtMs() > at(stuckFrom) && firing.detectedAtMs() <= at(stuckUntil),
                "detected during the fault, at " + Instant.ofEpochMilli(firing.detectedAtMs()));
        assertTrue(stuck.get(1).detectedAtMs() >= at(stuckUntil), "resolved only once values vary again");
    }

    // --- deep rest on a zero-floor device without wear sensing -----------------------------------------------------

    @Test
    void exactZerosThroughThePetsRestPeriodAreDeepRestAndItsNightsAreJudged() {
        PetTimeline rex = PetTimeline.pet("rex").firmwareWithoutWearSensing().healthyFor(DAY.multipliedBy(3))
                .deepRestNightsFor(13);
        PetTimeline restless = PetTimeline.pet("rex").firmwareWithoutWearSensing().healthyFor(DAY.multipliedBy(3))
                .deepRestNightsFor(13).restlessNightsFor(3, 8).healthyFor(Duration.ofHours(12));

        List<AlertEvent> calm = alertsFor(rex);
        List<AlertEvent> restlessAlerts = alertsFor(restless);

        assertTrue(longestRunOf(rex, 0) >= 7 * 60, "7 h of exact zeros a night: " + longestRunOf(rex, 0) + " min");
        assertEquals(List.of(), kindsAndStates(calm), "deep rest is neither a collar off nor anything else");
        // The calm deep-rest nights were judged (worn): the restless ones stand out against them.
        assertEquals(List.of("RESTLESS_NIGHTS FIRING MEDIUM", "RESTLESS_NIGHTS FIRING HIGH"),
                kindsAndStates(restlessAlerts));
    }

    @Test
    void thirtyHoursOfExactZerosOnADeepRestingPetsCollarAreCollarOffNotIllness() {
        for (int startHour : new int[] {12, 22}) {
            Duration offFrom = DAY.multipliedBy(14).plusHours(startHour);
            Duration offUntil = offFrom.plusHours(30);
            PetTimeline rex = PetTimeline.pet("rex").firmwareWithoutWearSensing().healthyFor(DAY.multipliedBy(3))
                    .deepRestNightsFor(11).healthyFor(Duration.ofHours(startHour)).zerosFor(Duration.ofHours(30))
                    .healthyFor(Duration.ofHours(24 - (startHour + 30) % 24)).deepRestNightsFor(2);

            List<AlertEvent> alerts = alertsFor(rex);

            String when = "zeros from " + PetTimeline.START.plus(offFrom).atZone(ZoneOffset.UTC);
            assertEquals(List.of("COLLAR_OFF FIRING LOW", "COLLAR_OFF RESOLVED"), kindsAndStates(alerts), when);
            assertTrue(alerts.get(0).detectedAtMs() > at(offFrom) && alerts.get(0).detectedAtMs() <= at(offUntil),
                    when + ": fired at " + Instant.ofEpochMilli(alerts.get(0).detectedAtMs()));
            assertTrue(alerts.get(1).detectedAtMs() >= at(offUntil), when);
        }
    }

    // --- COLLAR_OFF during warm-up ---------------------------------------------------------------------------------

    @Test
    void aNewCollarOffThePetForThirtyHoursIsCollarOffBeforeItsActiveHoursAreLearned() {
        Duration offFrom = DAY.multipliedBy(2);
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(offFrom).offBodyFor(Duration.ofHours(30))
                .healthyFor(Duration.ofHours(6));
        HubUnderTest hub = HubUnderTest.receiving(rex);
        List<CollarBatch> batches = rex.batches(60);

        hub.feed(batches.subList(0, 48));
        int learnedDays = hub.progress("rex").learnedDays();
        List<AlertEvent> alerts = hub.feed(batches.subList(48, batches.size()));

        assertTrue(learnedDays < LowActivityParams.defaults().minBaselineDays(), "still warming up: " + learnedDays);
        assertEquals(List.of("COLLAR_OFF FIRING LOW", "COLLAR_OFF RESOLVED"), kindsAndStates(alerts));
        AlertEvent firing = alerts.get(0);
        assertEquals(at(offFrom), firing.windowStartMs());
        assertEquals(at(offFrom.plusHours(DeviceRules.LONG_OFF_HOURS)), firing.detectedAtMs(),
                "after 12 h off, at any hours");
        assertEquals("the collar has been off the pet for 12 h", firing.summary());
    }

    @Test
    void aNewCollarWithoutWearSensingLeftInADrawerForThirtyHoursIsCollarOff() {
        Duration offFrom = DAY.multipliedBy(2).plusHours(10);
        PetTimeline rex = PetTimeline.pet("rex").firmwareWithoutWearSensing().healthyFor(offFrom)
                .zerosFor(Duration.ofHours(30)).healthyFor(Duration.ofHours(6));

        List<AlertEvent> alerts = alertsFor(rex);

        assertEquals(List.of("COLLAR_OFF FIRING LOW", "COLLAR_OFF RESOLVED"), kindsAndStates(alerts));
        assertTrue(alerts.get(0).summary().startsWith("the collar has been off the pet for 12 h"),
                alerts.get(0).summary());
        assertTrue(alerts.get(0).detectedAtMs() <= at(offFrom.plusHours(30)));
    }

    @Test
    void aNewCollarOffForTenHoursRaisesNothing() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(2)).offBodyFor(Duration.ofHours(10))
                .healthyFor(DAY);

        assertEquals(List.of(), kindsAndStates(alertsFor(rex)));
    }

    // --- restless nights in the first week -------------------------------------------------------------------------

    @Test
    void aNewPetsRestlessNightsAlertInItsFirstWeek() {
        Duration restlessFrom = DAY.multipliedBy(5);
        PetTimeline pup = PetTimeline.pet("pup").healthyFor(restlessFrom).restlessNightsFor(3, 8)
                .healthyFor(Duration.ofHours(12));

        List<AlertEvent> alerts = alertsFor(pup);

        assertFalse(alerts.isEmpty(), "restless nights in the first week are seen");
        assertEquals(List.of("RESTLESS_NIGHTS FIRING MEDIUM", "RESTLESS_NIGHTS FIRING HIGH"), kindsAndStates(alerts));
        for (AlertEvent alert : alerts) {
            assertTrue(alert.detectedAtMs() > at(restlessFrom) && alert.detectedAtMs() <= at(restlessFrom.plusDays(3)),
                    "raised within the restless nights, at " + Instant.ofEpochMilli(alert.detectedAtMs()));
        }
    }

    @Test
    void goingToBedTwoHoursLateForThreeNightsIsNotRestlessness() {
        Duration lateFrom = DAY.multipliedBy(5);
        PetTimeline pup = PetTimeline.pet("pup").healthyFor(lateFrom).lateBedtimesFor(3, 2)
                .healthyFor(Duration.ofHours(12));

        List<AlertEvent> alerts = alertsFor(pup);

        // The late evenings are busy: most of their minutes are far above a calm night's movement (mean 3 a minute).
        for (int night = 0; night < 3; night++) {
            long from = at(lateFrom.plusDays(night).plusHours(22));
            long busy = samples(pup).stream()
                    .filter(s -> s.minuteStartMs() >= from && s.minuteStartMs() < from + 2 * HOUR.toMillis())
                    .filter(s -> s.activity() >= 15).count();
            assertTrue(busy >= 90, "night " + night + ": " + busy + " busy minutes before bed");
        }
        assertEquals(List.of(), kindsAndStates(alerts), "a household's late evenings are not the pet's doing");
    }
}
