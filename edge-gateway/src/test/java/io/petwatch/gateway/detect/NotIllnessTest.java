package io.petwatch.gateway.detect;

import static io.petwatch.gateway.detect.HubUnderTest.health;
import static io.petwatch.gateway.detect.HubUnderTest.kindsAndStates;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A collar that is off, charging, flat, stuck or silent is a device state, never a sick pet. */
class NotIllnessTest {
    private static final Duration DAY = Duration.ofDays(1);

    private static List<AlertEvent> alertsFor(PetTimeline timeline) {
        return HubUnderTest.receiving(timeline).feed(timeline.batches(60));
    }

    @Test
    void aCollarThatCannotSenseWearLeftInADrawerForDaysIsCollarOffNotLethargy() {
        PetTimeline rex = PetTimeline.pet("rex").firmwareWithoutWearSensing().healthyFor(DAY.multipliedBy(10))
                .zerosFor(DAY.multipliedBy(3)).healthyFor(DAY);

        List<AlertEvent> alerts = alertsFor(rex);

        assertEquals(List.of(), kindsAndStates(health(alerts)));
        assertEquals(List.of("COLLAR_OFF FIRING LOW", "COLLAR_OFF RESOLVED"), kindsAndStates(alerts));
    }

    @Test
    void aFirmwareWithoutWearSensingStillGetsLethargyAlerts() {
        PetTimeline rex = PetTimeline.pet("rex").firmwareWithoutWearSensing().healthyFor(DAY.multipliedBy(10))
                .lethargicFor(Duration.ofHours(72), 0.3);

        assertEquals(List.of("LOW_ACTIVITY FIRING MEDIUM"), kindsAndStates(alertsFor(rex)));
    }

    @Test
    void chargingEveryNightRaisesNothing() {
        PetTimeline rex = PetTimeline.pet("rex").chargedEveryNight().healthyFor(DAY.multipliedBy(21));

        assertEquals(List.of(), kindsAndStates(alertsFor(rex)));
    }

    @Test
    void aCollarOffForAFewHoursRaisesNothing() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(10)).healthyFor(Duration.ofHours(9))
                .offBodyFor(Duration.ofHours(2)).healthyFor(DAY.multipliedBy(2));

        assertEquals(List.of(), kindsAndStates(alertsFor(rex)));
    }

    @Test
    void aStuckSensorIsADeviceFaultNotAPet() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(10)).stuckFor(DAY.multipliedBy(3), 7)
                .healthyFor(DAY);

        List<AlertEvent> alerts = alertsFor(rex);

        assertEquals(List.of(), kindsAndStates(health(alerts)));
        assertEquals("SENSOR_STUCK FIRING LOW", kindsAndStates(alerts).get(0));
        assertEquals("SENSOR_STUCK RESOLVED", kindsAndStates(alerts).get(kindsAndStates(alerts).size() - 1));
    }

    @Test
    void aLowBatteryAlertsOnceAndResolvesWhenCharged() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY).batteryAt(12).healthyFor(Duration.ofHours(6))
                .batteryAt(9).healthyFor(Duration.ofHours(3)).batteryAt(95).healthyFor(Duration.ofHours(2));

        assertEquals(List.of("BATTERY_LOW FIRING LOW", "BATTERY_LOW RESOLVED"), kindsAndStates(alertsFor(rex)));
    }

    @Test
    void aDeadBatteryMeansSilenceNotLethargy() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(10)).batteryAt(3)
                .healthyFor(Duration.ofHours(1));
        HubUnderTest hub = HubUnderTest.receiving(rex);
        List<AlertEvent> alerts = new java.util.ArrayList<>(hub.feed(rex.batches(60)));

        // The hub's clock goes on for three days without a word from the collar.
        for (int hour = 1; hour <= 72; hour++) {
            alerts.addAll(hub.tick(rex.now().plus(Duration.ofHours(hour)).toEpochMilli()));
        }

        assertEquals(List.of("BATTERY_LOW FIRING LOW", "COLLAR_SILENT FIRING LOW"), kindsAndStates(alerts));
        assertEquals(rex.now().plus(Duration.ofHours(6)).toEpochMilli(),
                alerts.get(1).detectedAtMs(), "silent after 6 h without data");
    }

    @Test
    void aCollarThatSaysItIsOfflineIsSilentAfterAnHourAndBackWhenOnline() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(2));
        HubUnderTest hub = HubUnderTest.receiving(rex);
        hub.feed(rex.batches(60));
        long wentOffline = rex.now().plus(Duration.ofMinutes(10)).toEpochMilli();

        List<AlertEvent> offline = new java.util.ArrayList<>(hub.status("rex", false, wentOffline));
        offline.addAll(hub.tick(wentOffline + Duration.ofMinutes(30).toMillis()));
        List<AlertEvent> anHourLater = hub.tick(wentOffline + Duration.ofMinutes(61).toMillis());
        List<AlertEvent> back = hub.status("rex", true, wentOffline + Duration.ofMinutes(90).toMillis());

        assertEquals(List.of(), kindsAndStates(offline), "not yet: a short drop-out is normal");
        assertEquals(List.of("COLLAR_SILENT FIRING LOW"), kindsAndStates(anHourLater));
        assertEquals(wentOffline, anHourLater.get(0).windowStartMs());
        assertEquals(List.of("COLLAR_SILENT RESOLVED"), kindsAndStates(back));
    }

    @Test
    void statusFromACollarNeverHeardFromCreatesNoState() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY);
        HubUnderTest hub = HubUnderTest.receiving(rex);
        hub.feed(rex.batches(60));

        assertEquals(List.of(), hub.status("ghost", false, rex.now().toEpochMilli()));
        assertEquals(List.of(), hub.tick(rex.now().plus(DAY).toEpochMilli()).stream()
                .filter(a -> a.collarId().equals("ghost")).toList());
        assertEquals(1, hub.stats().collars());
    }

    @Test
    void aSilentCollarResolvesWhenDataReturns() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(2));
        HubUnderTest hub = HubUnderTest.receiving(rex);
        hub.feed(rex.batches(60));

        List<AlertEvent> silent = hub.tick(rex.now().plus(Duration.ofHours(7)).toEpochMilli());
        PetTimeline back = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(2)).silentFor(Duration.ofHours(8))
                .healthyFor(Duration.ofHours(2));
        List<CollarBatch> later = back.batches(60).subList(48, back.batches(60).size());

        assertEquals(List.of("COLLAR_SILENT FIRING LOW"), kindsAndStates(silent));
        assertEquals(List.of("COLLAR_SILENT RESOLVED"), kindsAndStates(hub.feed(later)));
    }
}
