package io.petwatch.gateway.state;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
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
    private static final int MAX_RECORD = 1 << 20;
    private static final byte BATCH = 1;
    private static final byte STATUS = 2;
    private static final byte TICK = 3;
    private static final byte FORGET = 4;

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
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(segment)))) {
                count += replaySegment(segment, in, replayer);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read journal segment " + segment, e);
            }
        }
        return count;
    }

    private long replaySegment(Path segment, DataInputStream in, Replayer replayer) throws IOException {
        long count = 0;
        while (true) {
            int length;
            try {
                length = in.readInt();
            } catch (EOFException end) {
                return count;
            }
            byte[] body = length > 0 && length <= MAX_RECORD ? readBody(in, length + 4) : null;
            if (body == null || crc(body, 4, length) != ByteBuffer.wrap(body).getInt()) {
                // Written but never synced before a crash: it was never acknowledged either.
                Logger.warn("Journal segment {} ends in an incomplete record after {} records; the rest is ignored",
                        segment.getFileName(), count);
                return count;
            }
            ByteBuffer record = ByteBuffer.wrap(body, 4, length);
            byte type = record.get();
            long position = record.getLong();
            JournalEntry entry = decode(type, record);
            nextPosition = Math.max(nextPosition, position + 1);
            replayer.apply(position, entry);
            count++;
        }
    }

    private static byte[] readBody(InputStream in, int length) throws IOException {
        byte[] body = in.readNBytes(length);
        return body.length == length ? body : null;
    }

    private static JournalEntry decode(byte type, ByteBuffer record) throws IOException {
        long wallMs = record.getLong();
        byte[] id = new byte[record.getShort() & 0xFFFF];
        record.get(id);
        String collarId = new String(id, StandardCharsets.UTF_8);
        return switch (type) {
            case BATCH -> {
                byte[] payload = new byte[record.getInt()];
                record.get(payload);
                yield new JournalEntry.Batch(wallMs, collarId, payload);
            }
            case STATUS -> new JournalEntry.Status(wallMs, collarId, record.get() != 0);
            case TICK -> new JournalEntry.Tick(wallMs, collarId);
            case FORGET -> new JournalEntry.Forget(wallMs, collarId);
            default -> throw new IOException("unknown journal record type " + type);
        };
    }

    /** Positions continue after {@code position} (the newest one a snapshot holds), if that is further on. */
    public void resumeAfter(long position) {
        nextPosition = Math.max(nextPosition, position + 1);
    }

    /** Buffers an entry; it is durable after the next {@link #sync()}. Returns its position. */
    public long append(JournalEntry entry) {
        byte[] id = entry.collarId().getBytes(StandardCharsets.UTF_8);
        byte type;
        byte[] fields;
        if (entry instanceof JournalEntry.Batch b) {
            type = BATCH;
            fields = ByteBuffer.allocate(4 + b.payload().length).putInt(b.payload().length).put(b.payload()).array();
        } else if (entry instanceof JournalEntry.Status s) {
            type = STATUS;
            fields = new byte[] {(byte) (s.online() ? 1 : 0)};
        } else {
            type = entry instanceof JournalEntry.Tick ? TICK : FORGET;
            fields = new byte[0];
        }
        int length = 1 + 8 + 8 + 2 + id.length + fields.length;
        if (id.length > 0xFFFF || length > MAX_RECORD) {
            throw new IllegalArgumentException("journal entry for collar " + entry.collarId() + " is too large");
        }
        ensureRoom(8 + length);
        long position = nextPosition++;
        int start = pending.position();
        pending.putInt(length).putInt(0).put(type).putLong(position).putLong(entry.wallMs())
                .putShort((short) id.length).put(id).put(fields);
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

    private static int crc(byte[] bytes, int offset, int length) {
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
