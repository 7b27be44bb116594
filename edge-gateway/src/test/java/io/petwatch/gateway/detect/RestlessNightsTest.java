package io.petwatch.gateway.detect;

import static io.petwatch.gateway.detect.HubUnderTest.kindsAndStates;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestlessNightsTest {
    private static final Duration DAY = Duration.ofDays(1);

    private static List<AlertEvent> alertsFor(PetTimeline timeline) {
        return HubUnderTest.receiving(timeline).feed(timeline.batches(60));
    }

    @Test
    void oneRestlessNightAloneIsNotAnAlert() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(16)).restlessNightsFor(1, 8)
                .healthyFor(DAY.multipliedBy(4));

        assertEquals(List.of(), kindsAndStates(alertsFor(rex)));
    }

    @Test
    void twoRestlessNightsOutOfThreeAlertTheOwner() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(16)).restlessNightsFor(1, 8)
                .healthyFor(DAY).restlessNightsFor(1, 8).healthyFor(Duration.ofHours(12));

        List<AlertEvent> alerts = alertsFor(rex);

        assertEquals(List.of("RESTLESS_NIGHTS FIRING MEDIUM"), kindsAndStates(alerts));
        assertTrue(alerts.get(0).summary().startsWith("restless nights"), alerts.get(0).summary());
        assertEquals("restless-nights", alerts.get(0).detectorName());
    }

    @Test
    void threeRestlessNightsInARowRaiseTheSeverityToHigh() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(16)).restlessNightsFor(3, 8)
                .healthyFor(Duration.ofHours(12));

        List<AlertEvent> alerts = alertsFor(rex);

        assertEquals(List.of("RESTLESS_NIGHTS FIRING MEDIUM", "RESTLESS_NIGHTS FIRING HIGH"), kindsAndStates(alerts));
        assertEquals(alerts.get(0).windowStartMs(), alerts.get(1).windowStartMs(), "one episode");
        assertTrue(!alerts.get(0).alertId().equals(alerts.get(1).alertId()), "the escalation has its own id");
    }

    @Test
    void anEpisodeResolvesAfterThreeCalmNightsAndDoesNotRepeat() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(16)).restlessNightsFor(2, 8)
                .healthyFor(DAY.multipliedBy(6));

        assertEquals(List.of("RESTLESS_NIGHTS FIRING MEDIUM", "RESTLESS_NIGHTS RESOLVED"), kindsAndStates(alertsFor(rex)));
    }

    @Test
    void nothingIsJudgedDuringWarmUp() {
        // The rest period is placed after the first day; that night is not judged and the next one is the first
        // calm night remembered, so two restless nights right at the start raise nothing.
        PetTimeline pup = PetTimeline.pet("pup").healthyFor(DAY).restlessNightsFor(2, 8).healthyFor(DAY);

        assertEquals(List.of(), kindsAndStates(alertsFor(pup)));
    }

    @Test
    void theRestPeriodIsLearnedFromThePetNotTheClock() {
        // A household eight hours ahead of UTC: the pet's nights fall at 14:00-22:00 UTC.
        PetTimeline rex = PetTimeline.pet("rex").livingIn(java.time.ZoneId.of("Asia/Singapore"))
                .healthyFor(DAY.multipliedBy(16)).restlessNightsFor(2, 8).healthyFor(Duration.ofHours(12));

        List<AlertEvent> alerts = HubUnderTest.in(java.time.ZoneId.of("Asia/Singapore"), rex,
                id -> DetectorParams.defaults()).feed(rex.batches(60));

        assertEquals(List.of("RESTLESS_NIGHTS FIRING MEDIUM"), kindsAndStates(alerts));
    }
}
