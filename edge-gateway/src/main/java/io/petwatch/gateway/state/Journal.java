package io.petwatch.gateway.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.tinylog.Logger;

/**
 * The write-ahead journal: every input that changed detection state since the last snapshot, in the order it was
 * applied. Appends are buffered and reach the disk together at {@link #sync()} (one write and one fsync per group),
 * and the gateway acknowledges a batch to the broker only after the sync that holds it. After a crash the journal
 * is replayed over the snapshots, so nothing acknowledged is lost from detection.
 *
 * <p>Format: segment files named by their first record's position; each record is its body's length, a CRC-32 of
 * the body, and the body (type, position, hub clock, collar id, then the type's fields). A record cut short by a
 * crash, or one whose checksum does not match, ends its segment: it was never synced, so never acknowledged.
 * Not thread-safe: the detection worker is its only user.
 */
public final class Journal implements AutoCloseable {
    static final String SUFFIX = ".wal";
    /** No record is this big (a collar's batch is under 64 KiB): a longer length is a torn or foreign file. */
    static final int MAX_RECORD = 1 << 20;
    static final byte BATCH = 1;
    static final byte STATUS = 2;
    static final byte TICK = 3;
    static final byte FORGET = 4;

    /** Receives replayed entries with their positions. */
    @FunctionalInterface
    public interface Replayer {
        void apply(long position, JournalEntry entry);
    }

    private final Path dir;
    private ByteBuffer pending = ByteBuffer.allocate(64 * 1024);
    private FileChannel out;
    private long nextPosition = 1;
    private long bytesSinceCheckpoint;

    public Journal(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("journal directory " + dir + " is not usable", e);
        }
    }

    /** Feeds every intact record to {@code replayer}, oldest first; returns how many were replayed. */
    public long replay(Replayer replayer) {
        long count = 0;
        for (Path segment : segments()) {
            count += JournalReader.replay(segment, (position, entry) -> {
                nextPosition = Math.max(nextPosition, position + 1);
                replayer.apply(position, entry);
            });
        }
        return count;
    }

    /** Positions continue after {@code position} (the newest one a snapshot holds), if that is further on. */
    public void resumeAfter(long position) {
        nextPosition = Math.max(nextPosition, position + 1);
    }

    /** Buffers an entry; it is durable after the next {@link #sync()}. Returns its position. */
    public long append(JournalEntry entry) {
        byte[] id = entry.collarId().getBytes(StandardCharsets.UTF_8);
        byte[] payload = entry instanceof JournalEntry.Batch b ? b.payload() : null;
        byte type = payload != null ? BATCH : entry instanceof JournalEntry.Status ? STATUS
                : entry instanceof JournalEntry.Tick ? TICK : FORGET;
        int fields = payload != null ? 4 + payload.length : type == STATUS ? 1 : 0;
        int length = 1 + 8 + 8 + 2 + id.length + fields;
        if (id.length > 0xFFFF || length > MAX_RECORD) {
            throw new IllegalArgumentException("journal entry for collar " + entry.collarId() + " is too large");
        }
        ensureRoom(8 + length);
        long position = nextPosition++;
        int start = pending.position();
        pending.putInt(length).putInt(0).put(type).putLong(position).putLong(entry.wallMs())
                .putShort((short) id.length).put(id);
        if (payload != null) {
            pending.putInt(payload.length).put(payload); // straight into the buffer: no copy per batch
        } else if (entry instanceof JournalEntry.Status s) {
            pending.put((byte) (s.online() ? 1 : 0));
        }
        pending.putInt(start + 4, crc(pending.array(), start + 8, length));
        return position;
    }

    private void ensureRoom(int bytes) {
        if (pending.remaining() < bytes) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(pending.capacity() * 2, pending.position() + bytes));
            pending.flip();
            bigger.put(pending);
            pending = bigger;
        }
    }

    /** Writes and fsyncs everything appended since the last sync. */
    public void sync() {
        if (pending.position() == 0) {
            return;
        }
        try {
            if (out == null) {
                out = FileChannel.open(dir.resolve(String.format("%019d%s", firstPending(), SUFFIX)),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                forceDirectory();
            }
            pending.flip();
            bytesSinceCheckpoint += pending.remaining();
            while (pending.hasRemaining()) {
                out.write(pending);
            }
            out.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal in " + dir, e);
        } finally {
            pending.clear();
        }
    }

    private long firstPending() {
        return pending.getLong(9);
    }

    /** The position of the newest entry appended. */
    public long lastPosition() {
        return nextPosition - 1;
    }

    /** Bytes synced since the last checkpoint: how much a restart would replay. */
    public long bytesSinceCheckpoint() {
        return bytesSinceCheckpoint;
    }

    /**
     * Forgets every synced entry: call once snapshots holding all of them are on disk. Appends after this go to a
     * new segment.
     */
    public void checkpoint() {
        sync();
        closeSegment();
        for (Path segment : segments()) {
            try {
                Files.deleteIfExists(segment);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete journal segment " + segment, e);
            }
        }
        bytesSinceCheckpoint = 0;
    }

    private List<Path> segments() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the journal in " + dir, e);
        }
    }

    private void forceDirectory() throws IOException {
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    private void closeSegment() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                Logger.warn("Journal segment did not close cleanly: {}", e.getMessage());
            }
            out = null;
        }
    }

    static int crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    @Override
    public void close() {
        sync();
        closeSegment();
    }
}
