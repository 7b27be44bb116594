package io.petwatch.gateway.detect;

import static io.petwatch.gateway.detect.HubUnderTest.engineFor;
import static io.petwatch.gateway.detect.HubUnderTest.feed;
import static io.petwatch.gateway.detect.HubUnderTest.kindsAndStates;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A hub reboot must not restart the learning, and a bad snapshot must not poison a collar. */
class SnapshotTest {
    private static final Duration DAY = Duration.ofDays(1);

    /** Runs the timeline through one engine until {@code restartAt} batches, snapshots, and goes on in a new one. */
    private static List<AlertEvent> withRestart(PetTimeline timeline, int restartAt) {
        List<CollarBatch> batches = timeline.batches(60);
        DetectionEngine before = engineFor(timeline, DetectorParams.defaults());
        List<AlertEvent> alerts = feed(before, batches.subList(0, restartAt));
        DetectionEngine after = engineFor(timeline, DetectorParams.defaults());
        assertEquals(Map.of(), after.restore(before.snapshot()));
        alerts.addAll(feed(after, batches.subList(restartAt, batches.size())));
        return alerts;
    }

    @Test
    void aRestoredCollarCarriesOnAsIfTheHubNeverRestarted() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(10)).lethargicFor(Duration.ofHours(72), 0.3);
        List<String> uninterrupted = feed(engineFor(rex, DetectorParams.defaults()), rex.batches(60)).stream()
                .map(AlertEvent::alertId).toList();

        List<AlertEvent> restarted = withRestart(rex, 24 * 10 + 5);

        assertEquals(1, uninterrupted.size());
        assertEquals(uninterrupted, restarted.stream().map(AlertEvent::alertId).toList(),
                "no relearning: the same alert at the same moment");
    }

    @Test
    void aQuantisedFloorDeviceRestartedAnyHourCarriesOnAsIfNeverStopped() {
        // A floor of 7 is only rest once learned; restless nights are only seen above it. Both survive a restart.
        PetTimeline rex = PetTimeline.pet("rex").firmwareWithoutWearSensing().withRestFloor(7)
                .healthyFor(DAY.multipliedBy(4)).restlessNightsFor(3, 8).healthyFor(DAY.multipliedBy(2));
        List<String> uninterrupted = feed(engineFor(rex, DetectorParams.defaults()), rex.batches(60)).stream()
                .map(AlertEvent::alertId).toList();

        assertEquals(2, uninterrupted.size(), "restless nights (MEDIUM, then HIGH), and no stuck sensor");
        for (int restartAt : new int[] {30, 24 * 3 + 23, 24 * 4 + 2, 24 * 5 + 3}) {
            assertEquals(uninterrupted, withRestart(rex, restartAt).stream().map(AlertEvent::alertId).toList(),
                    "restarted after batch " + restartAt);
        }
    }

    @Test
    void anEpisodeOpenAtShutdownResolvesAfterTheRestartWithoutFiringAgain() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(10)).lethargicFor(Duration.ofHours(72), 0.3)
                .healthyFor(DAY.multipliedBy(3));

        List<AlertEvent> alerts = withRestart(rex, 24 * 13);

        assertEquals(List.of("LOW_ACTIVITY FIRING MEDIUM", "LOW_ACTIVITY RESOLVED"), kindsAndStates(alerts));
        assertEquals(alerts.get(0).windowStartMs(), alerts.get(1).windowStartMs());
    }

    @Test
    void aCorruptedSnapshotIsRefusedAndThatCollarStartsFresh() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(3));
        DetectionEngine before = engineFor(rex, DetectorParams.defaults());
        feed(before, rex.batches(60));
        byte[] bytes = before.snapshot().get("rex");
        bytes[bytes.length / 2] ^= 0x5A;

        Map<String, String> refused = engineFor(rex, DetectorParams.defaults()).restore(Map.of("rex", bytes));

        assertEquals(Map.of("rex", "checksum mismatch: the file is corrupted"), refused);
    }

    @Test
    void aSnapshotOfAnotherFormatVersionIsRefused() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY);
        DetectionEngine before = engineFor(rex, DetectorParams.defaults());
        feed(before, rex.batches(60));
        byte[] bytes = before.snapshot().get("rex");
        ByteBuffer.wrap(bytes).putInt(4, 99);

        String reason = engineFor(rex, DetectorParams.defaults()).restore(Map.of("rex", bytes)).get("rex");

        assertTrue(reason.startsWith("format version 99"), reason);
    }

    @Test
    void aSnapshotWrittenUnderOtherParametersIsRefused() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY);
        DetectionEngine before = engineFor(rex, DetectorParams.defaults());
        feed(before, rex.batches(60));
        DetectorParams other = new DetectorParams(new LowActivityParams(72, 0.5, 0.75, 0.6, 28, 7, 30),
                RestlessnessParams.defaults(), DeviceParams.defaults(), WearParams.defaults());

        assertEquals(Map.of("rex", "written with other detector parameters"),
                engineFor(rex, other).restore(before.snapshot()));
    }

    @Test
    void garbageIsRefusedNotLoaded() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY);

        String reason = engineFor(rex, DetectorParams.defaults()).restore(Map.of("rex", new byte[] {1, 2, 3})).get("rex");

        assertTrue(reason.startsWith("truncated"), reason);
    }

    @Test
    void aCollarsStateStaysUnderEightKilobytes() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(40));
        DetectionEngine engine = engineFor(rex, DetectorParams.defaults());
        feed(engine, rex.batches(60));
        String longestFirmware = "€".repeat(CollarText.MAX_FIRMWARE); // the most bytes a firmware can take

        int bytes = engine.snapshot(List.of("rex"), id -> longestFirmware).get("rex").length;

        assertTrue(bytes < 8 * 1024, "snapshot of a full history: " + bytes + " bytes");
    }
}
