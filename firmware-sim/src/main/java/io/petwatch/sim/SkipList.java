package io.petwatch.sim;

import io.petwatch.proto.v1.TelemetryBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Batches a run leaves out ({@code --skip}): the collar moves past them, so later seqs are unchanged. */
public final class SkipList {
    public static final SkipList NONE = new SkipList(Set.of());

    private final Set<String> skipped;

    private SkipList(Set<String> skipped) {
        this.skipped = Set.copyOf(skipped);
    }

    /** Lines {@code collar-id:seq}; blank lines and {@code #} comments are allowed. A bad line is named. */
    public static SkipList load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the skip list " + file, e);
        }
        Set<String> skipped = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.lastIndexOf(':');
            try {
                skipped.add(key(line.substring(0, colon), Long.parseLong(line.substring(colon + 1))));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected collar-id:seq, was '"
                        + line + "'", e);
            }
        }
        return new SkipList(skipped);
    }

    private static String key(String collarId, long seq) {
        if (collarId.isEmpty() || seq < 1) {
            throw new IllegalArgumentException("empty collar id or seq below 1");
        }
        return collarId + ":" + seq;
    }

    /** The collar's next batch that is not skipped. */
    Optional<TelemetryBatch> next(String collarId, Supplier<Optional<TelemetryBatch>> batches) {
        Optional<TelemetryBatch> batch = batches.get();
        while (batch.isPresent() && skipped.contains(collarId + ":" + batch.get().getSeq())) {
            batch = batches.get();
        }
        return batch;
    }

    public int size() {
        return skipped.size();
    }
}
