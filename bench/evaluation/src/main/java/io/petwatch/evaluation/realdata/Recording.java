package io.petwatch.evaluation.realdata;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * One real recording in the replay format ({@code collar_id,minute_start,activity}), minute by minute. Only the
 * three columns the recordings carry are read; a row that does not parse stops the read with its line number,
 * because a scored set with silently dropped rows would score something else.
 *
 * @param id        the file's collar id
 * @param minutesMs each row's minute start, epoch milliseconds, in file order
 * @param activity  each row's activity count
 */
public record Recording(String id, long[] minutesMs, int[] activity) {
    static final long MINUTE_MS = 60_000L;
    static final long DAY_MS = 86_400_000L;

    public Recording {
        if (minutesMs.length != activity.length || minutesMs.length == 0) {
            throw new IllegalArgumentException("recording " + id + ": needs rows, and one activity per minute");
        }
    }

    /** Every {@code *.csv} in a folder, by file name. */
    public static java.util.List<Recording> folder(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().map(Recording::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list recordings in " + dir, e);
        }
    }

    static Recording read(Path file) {
        long[] minutes = new long[1 << 12];
        int[] counts = new int[1 << 12];
        int n = 0;
        String id = null;
        try (CsvReader<CsvRecord> csv = CsvReader.builder().skipEmptyLines(true).ofCsvRecord(file)) {
            for (CsvRecord row : csv) {
                if (row.getField(0).equalsIgnoreCase("collar_id")) {
                    continue;
                }
                if (row.getFieldCount() < 3) {
                    throw new IllegalArgumentException(file + " line " + row.getStartingLineNumber()
                            + ": expected collar_id,minute_start,activity");
                }
                if (n == minutes.length) {
                    minutes = Arrays.copyOf(minutes, n * 2);
                    counts = Arrays.copyOf(counts, n * 2);
                }
                id = id == null ? row.getField(0).trim() : id;
                try {
                    minutes[n] = Long.parseLong(row.getField(1).trim());
                    counts[n] = Integer.parseInt(row.getField(2).trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + " line " + row.getStartingLineNumber() + ": " + e.getMessage());
                }
                n++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read recording " + file, e);
        }
        if (id == null) {
            throw new IllegalArgumentException(file + ": no rows");
        }
        return new Recording(id, Arrays.copyOf(minutes, n), Arrays.copyOf(counts, n));
    }

    public int size() {
        return minutesMs.length;
    }

    public long startMs() {
        return minutesMs[0];
    }

    public long endMs() {
        return minutesMs[minutesMs.length - 1] + MINUTE_MS;
    }

    /** Length in days, fractions included. */
    public double days() {
        return (endMs() - startMs()) / (double) DAY_MS;
    }

    /** The same minutes under another collar id with other counts. */
    Recording with(String newId, int[] newActivity) {
        return new Recording(newId, minutesMs, newActivity);
    }
}
