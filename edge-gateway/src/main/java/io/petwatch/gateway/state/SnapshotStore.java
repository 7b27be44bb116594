package io.petwatch.gateway.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.tinylog.Logger;

/**
 * Per-collar detection state on disk, one file per collar, written to a temporary name, forced to disk and moved
 * into place so a power cut leaves the old snapshot or the new one, never half of one. Each file starts with the
 * journal position its state includes, so a restart replays only the journal entries after it. Files the engine
 * refuses are moved to {@code rejected/} so they can be looked at.
 */
public final class SnapshotStore {
    private static final String SUFFIX = ".snap";
    /** "PWJP": a snapshot with the journal position in front. Files without it predate the journal. */
    private static final int HEADER_MAGIC = 0x50574A50;
    private static final int HEADER_BYTES = 12;

    /**
     * A collar's saved state.
     *
     * @param journalPosition the newest journal entry the state includes (0 for a file from before the journal)
     * @param state           the detection state's bytes
     */
    public record Saved(long journalPosition, byte[] state) {
    }

    private final Path dir;

    public SnapshotStore(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("snapshot directory " + dir + " is not usable", e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** Saves each collar's state as including the journal up to {@code journalPosition}, durably. */
    public void saveAll(Map<String, byte[]> snapshots, long journalPosition) {
        if (snapshots.isEmpty()) {
            return;
        }
        snapshots.forEach((collarId, bytes) -> {
            try {
                Path tmp = Files.createTempFile(dir, "saving-", ".tmp");
                try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ByteBuffer data = ByteBuffer.allocate(HEADER_BYTES + bytes.length).putInt(HEADER_MAGIC)
                            .putLong(journalPosition).put(bytes).flip();
                    while (data.hasRemaining()) {
                        out.write(data);
                    }
                    out.force(false);
                }
                Files.move(tmp, dir.resolve(fileName(collarId)), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot save the snapshot of collar " + collarId + " in " + dir, e);
            }
        });
        forceDirectory();
    }

    public Map<String, Saved> loadAll() {
        Map<String, Saved> out = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).toList()) {
                byte[] data = Files.readAllBytes(file);
                ByteBuffer header = ByteBuffer.wrap(data);
                boolean framed = data.length >= HEADER_BYTES && header.getInt() == HEADER_MAGIC;
                out.put(collarId(file), framed
                        ? new Saved(header.getLong(), Arrays.copyOfRange(data, HEADER_BYTES, data.length))
                        : new Saved(0, data));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read snapshots from " + dir, e);
        }
        return out;
    }

    /** Forgets a collar (its slot was reclaimed). */
    public void delete(String collarId) {
        try {
            Files.deleteIfExists(dir.resolve(fileName(collarId)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the snapshot of collar " + collarId + " in " + dir, e);
        }
    }

    private void forceDirectory() {
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync the snapshot directory " + dir, e);
        }
    }

    /** Moves a refused snapshot aside and says why in the log; the collar starts learning afresh. */
    public void reject(String collarId, String reason) {
        Path file = dir.resolve(fileName(collarId));
        try {
            Path rejected = Files.createDirectories(dir.resolve("rejected"));
            Files.move(file, rejected.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the refused snapshot " + file, e);
        }
        Logger.warn("Snapshot of collar {} not used ({}); its learning starts over. Moved to {}/rejected",
                collarId, reason, dir);
    }

    /** Collar ids are hex-encoded in file names: any id is a safe, reversible name. */
    static String fileName(String collarId) {
        return HexFormat.of().formatHex(collarId.getBytes(StandardCharsets.UTF_8)) + SUFFIX;
    }

    private static String collarId(Path file) {
        String name = file.getFileName().toString();
        return new String(HexFormat.of().parseHex(name.substring(0, name.length() - SUFFIX.length())),
                StandardCharsets.UTF_8);
    }
}
