package io.petwatch.gateway.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.petwatch.gateway.census.CollarCensus;
import io.petwatch.gateway.detect.DetectionEngine;
import io.petwatch.gateway.detect.DetectorParams;
import io.petwatch.gateway.mqtt.CollarAdmission;
import io.petwatch.gateway.mqtt.MalformedInputLog;
import io.petwatch.gateway.mqtt.TelemetryPipeline;
import io.petwatch.gateway.mqtt.Topics;
import io.petwatch.gateway.outbox.MemoryOutbox;
import io.petwatch.gateway.state.SnapshotStore;
import io.petwatch.proto.v1.Sample;
import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.proto.v1.WearState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detection state keeps the census: what it noted, what it forgot, and what it refills after a restart. */
class DetectionStateCensusTest {
    /** The hub's wall clock when the batches arrive. */
    private static final long WALL = Instant.parse("2026-03-01T12:00:00Z").toEpochMilli();
    private static final long HOUR = Duration.ofHours(1).toMillis();
    /** The store's header in front of each snapshot: a magic number and the journal position. */
    private static final int STORE_HEADER = 12;

    @TempDir
    Path dir;

    /** One hub's detection state, with the census it feeds. */
    private static final class Hub {
        final CollarCensus census = new CollarCensus();
        final DetectionState state;

        Hub(Optional<Path> stateDir, int maxCollars) {
            DetectionEngine engine = new DetectionEngine("hub-1", ZoneOffset.UTC, id -> DetectorParams.defaults(),
                    Clock.fixed(Instant.ofEpochMilli(WALL), ZoneOffset.UTC));
            TelemetryPipeline pipeline = new TelemetryPipeline(new CollarAdmission(List.of(), maxCollars,
                    Duration.ofHours(1)), new MalformedInputLog(m -> { }));
            state = new DetectionState(engine, pipeline, new AlertRaiser("hub-1", new MemoryOutbox(), () -> { }, census),
                    census, stateDir.map(SnapshotStore::new), Duration.ofHours(6), 1L << 20);
            state.recover(WALL);
        }

        /** A worn hour from {@code startMs}, as the collar publishes it, taken at hub time {@code wallMs}. */
        void batch(String collarId, long seq, String firmware, long startMs, long wallMs, long... extraMinutes) {
            TelemetryBatch.Builder batch = TelemetryBatch.newBuilder().setCollarId(collarId).setSeq(seq)
                    .setFirmware(firmware).setBatteryPct(80);
            for (int m = 0; m < 60; m++) {
                batch.addSamples(Sample.newBuilder().setMinuteStartMs(startMs + m * 60_000L).setActivity(10)
                        .setWear(WearState.WORN));
            }
            for (long minute : extraMinutes) {
                batch.addSamples(Sample.newBuilder().setMinuteStartMs(minute).setActivity(10).setWear(WearState.WORN));
            }
            byte[] payload = batch.build().toByteArray();
            state.pipeline().accept(Topics.telemetry(collarId), payload, wallMs)
                    .ifPresent(admitted -> state.batch(admitted, payload, wallMs));
        }

        Map<String, Integer> counts() {
            return census.take(CollarCensus.WINDOW).byFirmware();
        }
    }

    @Test
    void notesFirmwareAndTheEventTimeDetectionAccepted() {
        Hub hub = new Hub(Optional.empty(), 10);
        hub.batch("rex", 1, "2.1.0", WALL - 3 * HOUR, WALL);
        hub.batch("bella", 1, "2.0.4", WALL - 30 * HOUR, WALL);
        assertEquals(Map.of("2.1.0", 1), hub.counts(), "bella's data is more than a day older than rex's");

        // A minute stamped three days ahead of the hub's clock is refused by detection: it must not make every
        // other collar look a day old.
        hub.batch("bella", 2, "2.0.4", WALL - 2 * HOUR, WALL, WALL + 72 * HOUR);

        assertEquals(Map.of("2.0.4", 1, "2.1.0", 1), hub.counts());
    }

    @Test
    void forgetsACollarWhoseSlotGoesToAnotherCollar() {
        Hub hub = new Hub(Optional.empty(), 1);
        hub.batch("rex", 1, "2.1.0", WALL - 3 * HOUR, WALL);

        hub.batch("bella", 1, "2.0.4", WALL - HOUR, WALL + 2 * HOUR); // rex silent for 2 h: its slot goes to bella

        assertEquals(Map.of("2.0.4", 1), hub.counts());
        assertEquals(Optional.empty(), hub.census.firmware("rex"));
    }

    @Test
    void refillsTheCensusFromTheJournalAndTheSnapshots() {
        Hub before = new Hub(Optional.of(dir), 10);
        before.batch("rex", 1, "2.1.0", WALL - 3 * HOUR, WALL);
        before.batch("bella", 1, "2.0.4", WALL - 4 * HOUR, WALL);
        before.batch("milo", 1, "2.0.4", WALL - 40 * HOUR, WALL);
        before.state.sync(); // killed here: the batches are in the journal only

        Hub afterCrash = new Hub(Optional.of(dir), 10); // its recovery replays the journal, then checkpoints

        assertEquals(Map.of("2.0.4", 1, "2.1.0", 1), afterCrash.counts());
        assertEquals(Optional.of("2.1.0"), afterCrash.census.firmware("rex"));

        Hub afterRestart = new Hub(Optional.of(dir), 10); // from the snapshots alone

        // Each snapshot keeps its collar's firmware with its data: the collars count under it at once, and the
        // census their alerts take it from has it back, before they report again.
        assertEquals(Map.of("2.0.4", 1, "2.1.0", 1), afterRestart.counts());
        assertEquals(Optional.of("2.1.0"), afterRestart.census.firmware("rex"));
        assertEquals(Optional.of("2.0.4"), afterRestart.census.firmware("milo"), "counted or not, it is kept");
    }

    @Test
    void aBatchWithoutFirmwareKeepsTheSavedOneThroughTheNextRestart() {
        Hub before = new Hub(Optional.of(dir), 10);
        before.batch("rex", 1, "2.1.0", WALL - 3 * HOUR, WALL);
        before.state.close(WALL);
        Hub after = new Hub(Optional.of(dir), 10);

        after.batch("rex", 2, "", WALL - 2 * HOUR, WALL); // its snapshot is written again, from what the census knows
        after.state.close(WALL);

        assertEquals(Optional.of("2.1.0"), new Hub(Optional.of(dir), 10).census.firmware("rex"));
    }

    @Test
    void aSnapshotFromBeforeFirmwareWasKeptLoadsWithTheFirmwareUnknown() throws IOException {
        Hub before = new Hub(Optional.of(dir), 10);
        before.batch("rex", 1, "2.1.0", WALL - 3 * HOUR, WALL);
        before.batch("bella", 1, "2.0.4", WALL - 4 * HOUR, WALL);
        before.state.close(WALL); // a clean stop: snapshots, and an empty journal
        rewriteAsVersion4(dir, 5);

        Hub afterUpgrade = new Hub(Optional.of(dir), 10);

        // Both collars are back with their data (a refused snapshot would leave them out of the census), under no
        // firmware until they report again.
        assertEquals(Map.of("", 2), afterUpgrade.counts());
        assertEquals(Optional.empty(), afterUpgrade.census.firmware("rex"));
        afterUpgrade.batch("rex", 2, "2.1.0", WALL - 2 * HOUR, WALL);
        assertEquals(Map.of("", 1, "2.1.0", 1), afterUpgrade.counts());
    }

    /**
     * What format 6 adds after the firmware, before the CRC-32: the drift rule's 30 days (the newest day; totals,
     * worn minutes and shares, each a length and 30 values of 4, 2 and 1 bytes) and its episode (two longs, a float).
     */
    private static final int DRIFT_TAIL = 8 + (4 + 4 * 30) + (4 + 2 * 30) + (4 + 30) + 8 + 8 + 4;

    /**
     * Rewrites each saved snapshot as the gateway before the previous one wrote it: format 4, without the firmware
     * (a length, then {@code firmwareBytes} bytes) that format 5 puts after the state, nor the drift rule's days that
     * format 6 puts after it, before the CRC-32. The store frames each snapshot with its own header (a magic number
     * and the journal position) in front.
     */
    private static void rewriteAsVersion4(Path dir, int firmwareBytes) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".snap")).toList()) {
                byte[] saved = Files.readAllBytes(file);
                int firmwareAt = saved.length - 8 - DRIFT_TAIL - 2 - firmwareBytes;
                assertEquals(firmwareBytes, ByteBuffer.wrap(saved).getShort(firmwareAt), "the firmware's length");
                assertEquals(6, ByteBuffer.wrap(saved).getInt(STORE_HEADER + 4), "the snapshot's format");
                byte[] v4 = Arrays.copyOf(saved, firmwareAt + 8);
                ByteBuffer.wrap(v4).putInt(STORE_HEADER + 4, 4);
                CRC32 crc = new CRC32();
                crc.update(v4, STORE_HEADER, firmwareAt - STORE_HEADER);
                ByteBuffer.wrap(v4).putLong(firmwareAt, crc.getValue());
                Files.write(file, v4);
            }
        }
    }
}
