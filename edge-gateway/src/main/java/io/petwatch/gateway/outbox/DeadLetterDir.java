package io.petwatch.gateway.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.tinylog.Logger;

/**
 * The outbox's {@code dead/} directory: alert files set aside for good, each with a {@code .reason} file beside it.
 * At most {@link FileOutbox#MAX_DEAD_LETTERS} are kept (the oldest are deleted), so a collector that refuses
 * everything cannot fill the hub's disk. Not thread-safe: the outbox guards it.
 */
final class DeadLetterDir {
    private static final String REASON = ".reason";

    private final Path dir;
    private final TreeMap<String, String> reasons = new TreeMap<>(); // file name -> reason; names sort oldest first

    DeadLetterDir(Path dir, String suffix) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            try (Stream<Path> kept = Files.list(dir)) {
                for (Path file : kept.filter(p -> p.getFileName().toString().endsWith(suffix)).toList()) {
                    Path reason = dir.resolve(file.getFileName() + REASON);
                    reasons.put(file.getFileName().toString(),
                            Files.exists(reason) ? Files.readString(reason).strip() : "no reason recorded");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("dead-letter directory " + dir + " is not usable", e);
        }
    }

    /** Moves {@code file} here with its reason. */
    void put(Path file, String reason) {
        String name = file.getFileName().toString();
        try {
            Files.writeString(dir.resolve(name + REASON), reason + System.lineSeparator());
            Files.move(file, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + file + " to " + dir, e);
        }
        reasons.put(name, reason);
        while (reasons.size() > FileOutbox.MAX_DEAD_LETTERS) {
            String oldest = reasons.pollFirstEntry().getKey();
            delete(dir.resolve(oldest));
            delete(dir.resolve(oldest + REASON));
        }
    }

    int size() {
        return reasons.size();
    }

    /** The newest entry: file name and reason. */
    Optional<Map.Entry<String, String>> newest() {
        return Optional.ofNullable(reasons.lastEntry());
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            Logger.warn("Could not delete {}: {}", file, e.getMessage());
        }
    }
}
