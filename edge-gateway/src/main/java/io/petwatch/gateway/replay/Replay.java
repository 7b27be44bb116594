package io.petwatch.gateway.replay;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import io.petwatch.gateway.detect.AlertEvent;
import io.petwatch.gateway.detect.CollarBatch;
import io.petwatch.gateway.detect.DetectionEngine;
import io.petwatch.gateway.detect.DetectorParams;
import io.petwatch.gateway.detect.MinuteSample;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tinylog.Logger;

/**
 * Runs recorded minute data through the same detectors and configuration as the live gateway and writes the
 * alerts it would have sent. Rows stream through: each collar holds at most one hour of rows before they go to
 * detection as a batch, so memory is bounded by the number of collars, not the file's length. Recorded
 * timestamps are trusted (nothing is "in the future" of a replay); silence is measured against the newest time
 * read so far.
 */
public final class Replay {
    private static final long HOUR_MS = 3_600_000L;

    /** What a replay read and raised. */
    public record Report(long rows, long badRows, long alerts, int collars) {
    }

    private final DetectionEngine engine;
    private final Map<String, Pending> pending = new HashMap<>();
    private long watermarkHour = Long.MIN_VALUE;

    /** One collar's rows of the current hour. */
    private static final class Pending {
        final List<MinuteSample> minutes = new ArrayList<>(60);
        long hour = Long.MIN_VALUE;
        long seq;
    }

    public Replay(String hubId, ZoneId zone, Function<String, DetectorParams> params) {
        this(hubId, zone, collar -> zone, params);
    }

    /** With each collar's household zone (recordings from several households). */
    public Replay(String hubId, ZoneId zone, Function<String, ZoneId> zones, Function<String, DetectorParams> params) {
        this.engine = new DetectionEngine(hubId, zone, zones, params,
                Clock.fixed(Instant.parse("3000-01-01T00:00:00Z"), ZoneOffset.UTC));
    }

    public Report run(Reader in, Writer out) {
        AlertJsonLines json = new AlertJsonLines(out);
        long rows = 0;
        long bad = 0;
        long alerts = 0;
        long line = 0;
        try (CsvReader<CsvRecord> csv = CsvReader.builder().extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE).skipEmptyLines(true).ofCsvRecord(in)) {
            for (CsvRecord record : csv) {
                line = record.getStartingLineNumber();
                if (rows == 0 && bad == 0 && MinuteRows.isHeader(record)) {
                    continue;
                }
                MinuteRows.Row row;
                try {
                    row = MinuteRows.parse(record);
                } catch (MinuteRows.BadRow e) {
                    if (++bad <= 10) {
                        Logger.warn("Line {}: {} (row skipped)", record.getStartingLineNumber(), e.getMessage());
                    }
                    continue;
                }
                rows++;
                alerts += add(row, json);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the replay input: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw new UncheckedIOException("the input is not UTF-8 text (the first bad bytes come after line "
                        + line + "); save it as UTF-8, or convert it with iconv -t UTF-8", e.getCause());
            }
            throw new UncheckedIOException("cannot read the replay input after line " + line + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
        alerts += flushAll(json);
        json.flush();
        if (bad > 10) {
            Logger.warn("{} bad rows in all; only the first 10 were shown", bad);
        }
        return new Report(rows, bad, alerts, engine.stats().collars());
    }

    private long add(MinuteRows.Row row, AlertJsonLines json) {
        long hour = Math.floorDiv(row.sample().minuteStartMs(), HOUR_MS);
        Pending p = pending.computeIfAbsent(row.collarId(), id -> new Pending());
        long raised = 0;
        if (p.hour != hour || p.minutes.size() == 60) {
            raised += flush(row.collarId(), p, json);
            p.hour = hour;
        }
        p.minutes.add(row.sample());
        if (hour > watermarkHour) {
            if (watermarkHour != Long.MIN_VALUE) {
                raised += write(engine.tick(hour * HOUR_MS), json);
            }
            watermarkHour = hour;
        }
        return raised;
    }

    private long flush(String collarId, Pending p, AlertJsonLines json) {
        if (p.minutes.isEmpty()) {
            return 0;
        }
        CollarBatch batch = new CollarBatch(collarId, ++p.seq, "replay", 0, false, p.minutes);
        p.minutes.clear();
        return write(engine.ingest(batch), json);
    }

    private long flushAll(AlertJsonLines json) {
        long raised = 0;
        List<Map.Entry<String, Pending>> open = new ArrayList<>(pending.entrySet());
        open.sort(Comparator.comparingLong(e -> e.getValue().hour));
        for (Map.Entry<String, Pending> e : open) {
            raised += flush(e.getKey(), e.getValue(), json);
        }
        return raised;
    }

    private static long write(List<AlertEvent> alerts, AlertJsonLines json) {
        alerts.forEach(json::write);
        return alerts.size();
    }
}
