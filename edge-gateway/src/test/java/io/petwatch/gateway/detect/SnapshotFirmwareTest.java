package io.petwatch.gateway.detect;

import static io.petwatch.gateway.detect.HubUnderTest.engineFor;
import static io.petwatch.gateway.detect.HubUnderTest.feed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A snapshot keeps the firmware its collar last reported, so a restart gives it back to the census. */
class SnapshotFirmwareTest {
    private static final DetectorParams PARAMS = DetectorParams.defaults();

    private static SnapshotCodec.Decoded roundTrip(byte[] bytes) throws SnapshotCodec.Refused {
        return SnapshotCodec.read(bytes, PARAMS.layoutFingerprint(), PARAMS.historyHours(),
                PARAMS.restlessness().baselineNights());
    }

    @Test
    void theCodecGivesBackTheFirmwareItWroteAndTheSameState() throws Exception {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(Duration.ofDays(2));
        CollarDetector detector = new CollarDetector("hub-1", "rex", new LocalCalendar(ZoneOffset.UTC),
                new Baseline.Scratch(), PARAMS);
        rex.batches(60).forEach(b -> detector.ingest(b, rex.now().toEpochMilli(), Duration.ofDays(1).toMillis(), 0));
        // Plain, none, and about the longest a collar can report, with characters of every UTF-8 width.
        String longest = CollarText.clean("fw-β€🐕".repeat(20), CollarText.MAX_FIRMWARE);
        for (String firmware : List.of("2.1.0-rc.3", "", longest)) {
            byte[] written = SnapshotCodec.write(detector.state(), firmware);

            SnapshotCodec.Decoded read = roundTrip(written);

            assertEquals(firmware, read.firmware());
            assertArrayEquals(written, SnapshotCodec.write(read.state(), read.firmware()), "and the state with it");
        }
    }

    @Test
    void restoreHandsBackEachCollarsFirmwareAndNoneForARefusedSnapshot() {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(Duration.ofDays(1));
        PetTimeline bella = PetTimeline.pet("bella").healthyFor(Duration.ofDays(1));
        DetectionEngine before = engineFor(rex, PARAMS);
        feed(before, rex.batches(60));
        feed(before, bella.batches(60));
        Map<String, byte[]> saved = before.snapshot(List.of("rex", "bella"),
                id -> id.equals("rex") ? "2.1.0" : "2.0.4");
        saved.get("bella")[saved.get("bella").length - 10] ^= 0x01; // a bit of bella's firmware flipped on disk

        Map<String, String> firmware = new HashMap<>();
        Map<String, String> refused = engineFor(rex, PARAMS).restore(saved, firmware::put);

        assertEquals(Map.of("rex", "2.1.0"), firmware);
        assertEquals(Map.of("bella", "checksum mismatch: the file is corrupted"), refused,
                "the firmware is inside the checksum");
    }
}
