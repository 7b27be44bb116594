package io.petwatch.sim.replay;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import io.petwatch.proto.v1.Sample;
import io.petwatch.sim.input.InputException;
import io.petwatch.sim.input.TextFile;
import io.petwatch.sim.model.PetProfile;
import io.petwatch.sim.suite.CollarScript;
import io.petwatch.sim.suite.DeviceProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recorded minutes (the replay CSV format) as collars: one script per collar_id, its minutes batched by
 * batch-minutes from its first minute, seq from 1, sent when each batch's window ends. A file with bad rows is
 * refused as a whole, every bad row named by its line, so that nothing is published from half a recording.
 */
public final class Recordings {
    /** Recorded collars have no modelled rhythm; their minutes are what they are. */
    public static final PetProfile RECORDED = new PetProfile("recorded", new double[24], 0, 1.0);
    public static final String SCENARIO = "replay";
    public static final String FIRMWARE = "sim-replay";
    static final int SHOWN = 20;

    private Recordings() {
    }

    public static List<CollarScript> read(Path csv, int batchMinutes, ZoneId zone, long seed) {
        return read(csv.getFileName().toString(), TextFile.read(csv), batchMinutes, zone, seed);
    }

    static List<CollarScript> read(String name, String text, int batchMinutes, ZoneId zone, long seed) {
        if (batchMinutes < 1 || batchMinutes > 1440) {
            throw new InputException("--batch-minutes must be 1..1440, was " + batchMinutes);
        }
        Map<String, List<Sample>> byCollar = new LinkedHashMap<>();
        List<String> bad = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE).skipEmptyLines(true).ofCsvRecord(text)) {
            boolean first = true;
            for (CsvRecord record : reader) {
                if (first && MinuteRow.isHeader(record)) {
                    first = false;
                    continue;
                }
                first = false;
                try {
                    MinuteRow row = MinuteRow.parse(record);
                    byCollar.computeIfAbsent(row.collarId(), id -> new ArrayList<>()).add(row.sample());
                } catch (MinuteRow.BadRow e) {
                    bad.add(name + " line " + record.getStartingLineNumber() + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
        if (!bad.isEmpty()) {
            List<String> shown = new ArrayList<>(bad.subList(0, Math.min(SHOWN, bad.size())));
            if (bad.size() > SHOWN) {
                shown.add("... and " + (bad.size() - SHOWN) + " more bad rows");
            }
            throw new InputException(bad.size() + " bad rows in " + name + ", nothing published:"
                    + System.lineSeparator() + String.join(System.lineSeparator(), shown));
        }
        if (byCollar.isEmpty()) {
            throw new InputException(name + ": no minute rows (collar_id,minute_start,activity[,steps,wear])");
        }
        DeviceProfile device = DeviceProfile.standard().withBatchMinutes(batchMinutes);
        List<CollarScript> scripts = new ArrayList<>();
        byCollar.forEach((id, minutes) -> {
            long firstMs = minutes.stream().mapToLong(Sample::getMinuteStartMs).min().orElseThrow();
            long lastMs = minutes.stream().mapToLong(Sample::getMinuteStartMs).max().orElseThrow();
            Instant start = Instant.ofEpochMilli(firstMs).truncatedTo(ChronoUnit.MINUTES);
            scripts.add(new CollarScript(id, SCENARIO, RECORDED, zone, seed, true, device, start,
                    Instant.ofEpochMilli(lastMs).plusSeconds(60), List.of(), List.of(), FIRMWARE,
                    CollarScript.HUB_MODEL, minutes));
        });
        return scripts;
    }
}
