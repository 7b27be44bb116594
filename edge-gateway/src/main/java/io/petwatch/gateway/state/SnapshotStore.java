package io.petwatch.gateway.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.tinylog.Logger;

/**
 * Per-collar detection state on disk, one file per collar, written to a temporary name and moved into place so a
 * power cut leaves the old snapshot or the new one, never half of one. Files the engine refuses are moved to
 * {@code rejected/} so they can be looked at.
 */
public final class SnapshotStore {
    private static final String SUFFIX = ".snap";

    private final Path dir;

    public SnapshotStore(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("snapshot directory " + dir + " is not usable", e);
        }
    }

    public void saveAll(Map<String, byte[]> snapshots) {
        snapshots.forEach((collarId, bytes) -> {
            try {
                Path tmp = Files.createTempFile(dir, "saving-", ".tmp");
                Files.write(tmp, bytes);
                Files.move(tmp, dir.resolve(fileName(collarId)), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot save the snapshot of collar " + collarId + " in " + dir, e);
            }
        });
    }

    public Map<String, byte[]> loadAll() {
        Map<String, byte[]> out = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).toList()) {
                out.put(collarId(file), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read snapshots from " + dir, e);
        }
        return out;
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
