package io.petwatch.gateway.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path dir;

    private record Replayed(long position, JournalEntry entry) {
    }

    private List<Replayed> replay() {
        List<Replayed> out = new ArrayList<>();
        new Journal(dir).replay((position, entry) -> out.add(new Replayed(position, entry)));
        return out;
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(Journal.SUFFIX)).sorted().toList();
        }
    }

    @Test
    void replaysEverySyncedEntryInOrderWithItsPosition() {
        try (Journal journal = new Journal(dir)) {
            journal.append(new JournalEntry.Batch(1_000, "c-1", new byte[] {1, 2, 3}));
            journal.append(new JournalEntry.Status(2_000, "c-1", false));
            journal.sync();
            journal.append(new JournalEntry.Tick(3_000, "c-2"));
            journal.append(new JournalEntry.Forget(4_000, "c-3"));
            journal.sync();
        }

        List<Replayed> replayed = replay();

        assertEquals(List.of(1L, 2L, 3L, 4L), replayed.stream().map(Replayed::position).toList());
        JournalEntry.Batch batch = assertInstanceOf(JournalEntry.Batch.class, replayed.get(0).entry());
        assertArrayEquals(new byte[] {1, 2, 3}, batch.payload());
        assertEquals(1_000, batch.wallMs());
        assertEquals(new JournalEntry.Status(2_000, "c-1", false), replayed.get(1).entry());
        assertEquals(new JournalEntry.Tick(3_000, "c-2"), replayed.get(2).entry());
        assertEquals(new JournalEntry.Forget(4_000, "c-3"), replayed.get(3).entry());
    }

    @Test
    void nothingReachesTheDiskBeforeASync() throws IOException {
        Journal journal = new Journal(dir);
        journal.append(new JournalEntry.Tick(1, "c-1"));

        assertEquals(List.of(), segments(), "a crash now loses only what was never acknowledged");
        assertEquals(List.of(), replay());
    }

    @Test
    void aRecordCutShortByACrashEndsItsSegmentAndLaterSegmentsStillReplay() throws IOException {
        try (Journal journal = new Journal(dir)) {
            journal.append(new JournalEntry.Batch(1, "c-1", new byte[100]));
            journal.append(new JournalEntry.Batch(2, "c-1", new byte[100]));
            journal.sync();
        }
        Path torn = segments().get(0);
        byte[] bytes = Files.readAllBytes(torn);
        Files.write(torn, java.util.Arrays.copyOf(bytes, bytes.length - 30));
        try (Journal next = new Journal(dir)) {
            next.replay((p, e) -> { });
            next.append(new JournalEntry.Tick(3, "c-2"));
            next.sync();
        }

        List<Replayed> replayed = replay();

        assertEquals(List.of(1L, 2L), replayed.stream().map(Replayed::position).toList(),
                "the torn record never existed (never synced, never acknowledged): its position is reused");
        assertEquals(new JournalEntry.Tick(3, "c-2"), replayed.get(1).entry());
    }

    @Test
    void aFlippedBitIsCaughtByTheChecksum() throws IOException {
        try (Journal journal = new Journal(dir)) {
            journal.append(new JournalEntry.Batch(1, "c-1", new byte[] {5, 5, 5}));
            journal.sync();
        }
        Path segment = segments().get(0);
        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length - 2] ^= 0x10;
        Files.write(segment, bytes);

        assertEquals(List.of(), replay());
    }

    @Test
    void aCheckpointForgetsEverythingAndPositionsGoOn() throws IOException {
        Journal journal = new Journal(dir);
        journal.append(new JournalEntry.Tick(1, "c-1"));
        journal.sync();
        assertTrue(journal.bytesSinceCheckpoint() > 0);

        journal.checkpoint();
        assertEquals(0, journal.bytesSinceCheckpoint());
        long next = journal.append(new JournalEntry.Tick(2, "c-1"));
        journal.close();

        assertEquals(2, next);
        assertEquals(List.of(2L), replay().stream().map(Replayed::position).toList());
        assertEquals(1, segments().size());
    }

    @Test
    void positionsResumeAfterTheNewestSnapshot() {
        Journal journal = new Journal(dir);
        journal.resumeAfter(41);

        assertEquals(42, journal.append(new JournalEntry.Tick(1, "c-1")));
    }
}
