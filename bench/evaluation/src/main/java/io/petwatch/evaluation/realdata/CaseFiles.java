package io.petwatch.evaluation.realdata;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Writes cases as replay CSV files, one per case, and their ground truth as {@code labels.jsonl}. */
final class CaseFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CaseFiles() {
    }

    static void write(List<RealCase> cases, Path dir) {
        try {
            Files.createDirectories(dir);
            try (BufferedWriter labels = Files.newBufferedWriter(dir.resolve("labels.jsonl"), StandardCharsets.UTF_8)) {
                for (RealCase c : cases) {
                    writeCsv(c.recording(), dir.resolve(c.collarId() + ".csv"));
                    ObjectNode line = JSON.createObjectNode().put("case", c.collarId() + ".csv")
                            .put("collar", c.collarId()).put("recording", c.source()).put("kind", c.kind().label());
                    if (!c.episodes().isEmpty()) {
                        line.put("start", Instant.ofEpochMilli(c.whole().startMs()).toString())
                                .put("end", Instant.ofEpochMilli(c.whole().endMs()).toString())
                                .put("start_day", c.startDay());
                        var spans = line.putArray("periods");
                        c.episodes().forEach(s -> spans.addObject()
                                .put("start", Instant.ofEpochMilli(s.startMs()).toString())
                                .put("end", Instant.ofEpochMilli(s.endMs()).toString()));
                    }
                    labels.write(JSON.writeValueAsString(line));
                    labels.newLine();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write cases to " + dir, e);
        }
    }

    private static void writeCsv(Recording r, Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("collar_id,minute_start,activity\n");
            for (int i = 0; i < r.size(); i++) {
                out.write(r.id() + "," + r.minutesMs()[i] + "," + r.activity()[i] + "\n");
            }
        }
    }
}
