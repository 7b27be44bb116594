package io.petwatch.gateway.detect;

import static io.petwatch.gateway.detect.HubUnderTest.engineFor;
import static io.petwatch.gateway.detect.HubUnderTest.feed;
import static io.petwatch.gateway.detect.HubUnderTest.kindsAndStates;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** A gateway upgraded in place reads the snapshots its previous version wrote, and refuses newer ones. */
class SnapshotMigrationTest {
    private static final Duration DAY = Duration.ofDays(1);
    private static final int VERSION_OFFSET = 4;

    /** Recomputes the trailing CRC-32 (over every byte before it, stored as a big-endian long). */
    private static byte[] withChecksum(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        ByteBuffer.wrap(bytes).putLong(bytes.length - 8, crc.getValue());
        return bytes;
    }

    /**
     * Bytes version 6 adds at its end, before the CRC, with the default 30-day drift window: the newest day, the
     * totals, worn minutes and shares (each a length and 30 values of 4, 2 and 1 bytes), the lethargy day, the
     * episode start and the level it fired against.
     */
    static final int V6_TAIL = 8 + (4 + 4 * 30) + (4 + 2 * 30) + (4 + 30) + 8 + 8 + 4;

    /** A version-5 snapshot of the same state: version 6 only added the drift rule's days at its end. */
    static byte[] asVersion5(byte[] v6) {
        int kept = v6.length - 8 - V6_TAIL;
        byte[] v5 = Arrays.copyOf(Arrays.copyOf(v6, kept), kept + 8); // the CRC's 8 bytes follow
        ByteBuffer buffer = ByteBuffer.wrap(v5);
        assertEquals(6, buffer.getInt(VERSION_OFFSET), "the current code writes version 6");
        buffer.putInt(VERSION_OFFSET, 5);
        return withChecksum(v5);
    }

    /**
     * A version-4 snapshot of the same state: version 5 only added the firmware (a modified-UTF-8 string: a length,
     * then its bytes; as many as its chars for the ASCII versions used here) at its end, before the CRC.
     */
    static byte[] asVersion4(byte[] v6, String firmware) {
        byte[] v5 = asVersion5(v6);
        int kept = v5.length - 8 - 2 - firmware.getBytes(StandardCharsets.UTF_8).length;
        byte[] v4 = Arrays.copyOf(Arrays.copyOf(v5, kept), kept + 8); // the CRC's 8 bytes follow
        ByteBuffer buffer = ByteBuffer.wrap(v4);
        assertEquals(5, buffer.getInt(VERSION_OFFSET), "made from a version-5 snapshot");
        buffer.putInt(VERSION_OFFSET, 4);
        return withChecksum(v4);
    }

    /**
     * Bytes version 4 adds at its end, before the CRC: the rest floor (a length and its ints), the rest-known hour,
     * and five recent nights (five start hours, then a length and five counts).
     */
    private static final int V4_TAIL = 4 + 4 * RestFloor.STATE_INTS + 8 + 5 * 8 + 4 + 5 * 4;

    /**
     * What the previous gateway wrote for the same state: version 3, the device state one long shorter (no hours
     * off at any time of day), no rest floor and no rest-known hour, and a fingerprint over every threshold (here:
     * any other number).
     */
    private static byte[] asVersion3(byte[] v4, String collarId) {
        int kept = v4.length - 8 - V4_TAIL - 8; // up to the device state's last long
        byte[] v3 = Arrays.copyOf(Arrays.copyOf(v4, kept), kept + 8); // the CRC's 8 bytes follow
        ByteBuffer buffer = ByteBuffer.wrap(v3);
        assertEquals(4, buffer.getInt(VERSION_OFFSET), "made from a version-4 snapshot");
        buffer.putInt(VERSION_OFFSET, 3);
        int fingerprintAt = VERSION_OFFSET + 4 + 2 + collarId.getBytes(StandardCharsets.UTF_8).length;
        buffer.putInt(fingerprintAt, buffer.getInt(fingerprintAt) ^ 0x2F5A_1C3B);
        return withChecksum(v3);
    }

    @Test
    void aVersion4SnapshotIsRestoredWithItsFirmwareUnknownAndWrittenAgainAsVersion6() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(3));
        DetectionEngine before = engineFor(rex, DetectorParams.defaults());
        feed(before, rex.batches(60));
        byte[] v4 = asVersion4(before.snapshot(List.of("rex"), id -> "2.1.0").get("rex"), "2.1.0");

        DetectionEngine after = engineFor(rex, DetectorParams.defaults());
        Map<String, String> firmware = new HashMap<>();
        Map<String, String> refused = after.restore(Map.of("rex", v4), firmware::put);

        assertEquals(Map.of(), refused);
        assertEquals(Map.of("rex", ""), firmware, "restored, with no firmware to give back");
        assertEquals(before.progress(), after.progress());
        assertArrayEquals(before.snapshot().get("rex"), after.snapshot().get("rex"),
                "the same state, written as version 6 without firmware (its daily totals summed again from the hours)");
    }

    @Test
    void aVersion3SnapshotIsRestoredAndTheCollarCarriesOn() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(10)).lethargicFor(Duration.ofHours(72), 0.3);
        List<CollarBatch> batches = rex.batches(60);
        int restartAt = 24 * 10 + 5;
        DetectionEngine neverRestarted = engineFor(rex, DetectorParams.defaults());
        List<AlertEvent> uninterrupted = feed(neverRestarted, batches);
        DetectionEngine before = engineFor(rex, DetectorParams.defaults());
        List<AlertEvent> beforeRestart = feed(before, batches.subList(0, restartAt));
        byte[] v4 = asVersion4(before.snapshot().get("rex"), "");
        byte[] v3 = asVersion3(v4.clone(), "rex");

        DetectionEngine after = engineFor(rex, DetectorParams.defaults());
        Map<String, String> refused = after.restore(Map.of("rex", v3));
        CollarProgress restored = after.progress().get("rex");
        byte[] writtenAgain = asVersion4(after.snapshot().get("rex"), "");
        List<AlertEvent> afterRestart = feed(after, batches.subList(restartAt, batches.size()));

        assertEquals(v4.length - 8 - V4_TAIL, v3.length);
        assertEquals(Map.of(), refused, "a version-3 snapshot is read, its fingerprint not compared");
        assertEquals(restartAt, restored.highestSeq(), "the batch sequence came back");
        // The collar was on the pet at shutdown (no hours off to lose): written again (as version 4, to compare),
        // it is the very state the current code wrote up to the device state, the missing counter at zero.
        int deviceEnd = v4.length - 8 - V4_TAIL;
        assertEquals(0, ByteBuffer.wrap(v4).getLong(deviceEnd - 8), "no hours off at any time at shutdown");
        assertArrayEquals(Arrays.copyOf(v4, deviceEnd), Arrays.copyOf(writtenAgain, deviceEnd));
        assertEquals(neverRestarted.progress(), after.progress(), "and the history: the same learned days at the end");
        assertEquals(List.of(), beforeRestart);
        assertEquals(List.of("LOW_ACTIVITY FIRING MEDIUM"), kindsAndStates(uninterrupted));
        assertEquals(uninterrupted.stream().map(AlertEvent::alertId).toList(),
                afterRestart.stream().map(AlertEvent::alertId).toList(), "the same alert at the same moment");
        assertEquals(uninterrupted.get(0).detectedAtMs(), afterRestart.get(0).detectedAtMs());
    }

    @Test
    void aVersion3SnapshotWithAnotherHistoryLengthIsStillRefused() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(2));
        DetectionEngine before = engineFor(rex, DetectorParams.defaults());
        feed(before, rex.batches(60));
        byte[] v3 = asVersion3(asVersion4(before.snapshot().get("rex"), ""), "rex");
        DetectorParams shorterHistory = new DetectorParams(new LowActivityParams(48, 0.5, 0.75, 0.6, 14, 4, 30),
                RestlessnessParams.defaults(), DeviceParams.defaults(), WearParams.defaults());

        String reason = engineFor(rex, shorterHistory).restore(Map.of("rex", v3)).get("rex");

        assertTrue(reason != null && reason.startsWith("unreadable"), String.valueOf(reason));
    }

    @Test
    void aVersion5SnapshotSumsItsDailyTotalsAgainAndTheDriftFiresAsIfNeverRestarted() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(30))
                .decliningFor(DAY.multipliedBy(30), 1.0, 0.45).lethargicFor(DAY.multipliedBy(7), 0.45);
        List<CollarBatch> batches = rex.batches(60);
        int restartAt = 24 * 44 + 9; // in the decline, before the drift fires
        List<AlertEvent> uninterrupted = feed(engineFor(rex, DetectorParams.defaults()), batches);
        DetectionEngine before = engineFor(rex, DetectorParams.defaults());
        List<AlertEvent> alerts = feed(before, batches.subList(0, restartAt));
        byte[] current = before.snapshot().get("rex");
        byte[] v5 = asVersion5(current);

        DetectionEngine after = engineFor(rex, DetectorParams.defaults());
        Map<String, String> refused = after.restore(Map.of("rex", v5));
        byte[] writtenAgain = after.snapshot().get("rex");
        alerts.addAll(feed(after, batches.subList(restartAt, batches.size())));

        assertEquals(Map.of(), refused);
        assertEquals(current.length, writtenAgain.length);
        assertArrayEquals(current, writtenAgain, "every worn day sums to the same totals from the hour ring");
        assertEquals(List.of("ACTIVITY_DRIFT FIRING MEDIUM"), kindsAndStates(HubUnderTest.health(uninterrupted)));
        assertEquals(uninterrupted.stream().map(AlertEvent::alertId).toList(),
                alerts.stream().map(AlertEvent::alertId).toList(), "the same drift at the same moment");
    }

    @Test
    void aVersion7SnapshotIsRefusedNamingItsVersion() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY);
        DetectionEngine before = engineFor(rex, DetectorParams.defaults());
        feed(before, rex.batches(60));
        byte[] bytes = before.snapshot().get("rex");
        ByteBuffer.wrap(bytes).putInt(VERSION_OFFSET, 7);
        withChecksum(bytes); // a well-formed file from a newer gateway, not a corrupted one

        DetectionEngine after = engineFor(rex, DetectorParams.defaults());
        String reason = after.restore(Map.of("rex", bytes)).get("rex");

        assertTrue(reason != null && reason.startsWith("format version 7"), String.valueOf(reason));
        assertTrue(!after.tracks("rex"), "that collar starts fresh");
    }

    @Test
    void aVersion2SnapshotIsRefusedNamingItsVersion() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY);
        DetectionEngine before = engineFor(rex, DetectorParams.defaults());
        feed(before, rex.batches(60));
        byte[] bytes = asVersion3(asVersion4(before.snapshot().get("rex"), ""), "rex");
        ByteBuffer.wrap(bytes).putInt(VERSION_OFFSET, 2);
        withChecksum(bytes);

        String reason = engineFor(rex, DetectorParams.defaults()).restore(Map.of("rex", bytes)).get("rex");

        assertTrue(reason != null && reason.startsWith("format version 2"), String.valueOf(reason));
    }
}
