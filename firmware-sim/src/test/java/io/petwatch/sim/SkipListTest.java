package io.petwatch.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.proto.v1.TelemetryBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkipListTest {
    @TempDir
    Path dir;

    @Test
    void skippedBatchesAreLeftOutAndLaterSeqsKeepTheirNumbers() throws Exception {
        Path file = Files.writeString(dir.resolve("skip"), "# lost at the broker's crash\ncollar-001:2\n\ncollar-001:3\n"
                + "collar-002:1\n");
        SkipList skip = SkipList.load(file);
        Deque<TelemetryBatch> batches = new ArrayDeque<>();
        for (long seq = 1; seq <= 4; seq++) {
            batches.add(TelemetryBatch.newBuilder().setCollarId("collar-001").setSeq(seq).build());
        }

        List<Long> published = new ArrayList<>();
        for (Optional<TelemetryBatch> b = skip.next("collar-001", () -> Optional.ofNullable(batches.poll()));
             b.isPresent(); b = skip.next("collar-001", () -> Optional.ofNullable(batches.poll()))) {
            published.add(b.get().getSeq());
        }

        assertEquals(List.of(1L, 4L), published);
        assertEquals(3, skip.size());
    }

    @Test
    void aBadLineIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("skip"), "collar-001:2\ncollar-001:two\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SkipList.load(file));

        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }
}
