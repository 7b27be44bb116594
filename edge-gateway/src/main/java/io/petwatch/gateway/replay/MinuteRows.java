package io.petwatch.gateway.replay;

import de.siegmar.fastcsv.reader.CsvRecord;
import io.petwatch.gateway.detect.MinuteSample;
import io.petwatch.gateway.detect.Wear;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** One CSV row: {@code collar_id,minute_start,activity[,steps,wear]}. */
final class MinuteRows {
    private MinuteRows() {
    }

    /** A parsed row. */
    record Row(String collarId, MinuteSample sample) {
    }

    /** A row that cannot be used, with the reason. */
    static final class BadRow extends Exception {
        BadRow(String message) {
            super(message);
        }
    }

    static boolean isHeader(CsvRecord record) {
        return record.getFieldCount() > 0 && record.getField(0).trim().equalsIgnoreCase("collar_id");
    }

    static Row parse(CsvRecord record) throws BadRow {
        int n = record.getFieldCount();
        if (n != 3 && n != 5) {
            throw new BadRow("expected 3 fields (collar_id,minute_start,activity) or 5 (...,steps,wear), found " + n);
        }
        String collar = record.getField(0).trim();
        if (collar.isEmpty()) {
            throw new BadRow("collar_id is empty");
        }
        long minute = minuteStart(record.getField(1).trim());
        int activity = count("activity", record.getField(2));
        int steps = n == 5 && !record.getField(3).isBlank() ? count("steps", record.getField(3)) : 0;
        Wear wear = n == 5 ? wear(record.getField(4).trim()) : Wear.UNKNOWN;
        return new Row(collar, new MinuteSample(minute, activity, steps, wear));
    }

    private static long minuteStart(String value) throws BadRow {
        if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(value);
        }
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException notInstant) {
            try {
                return OffsetDateTime.parse(value).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new BadRow("minute_start '" + value + "' is neither ISO-8601 with an offset nor epoch milliseconds");
            }
        }
    }

    private static int count(String name, String value) throws BadRow {
        try {
            int v = Integer.parseInt(value.trim());
            if (v < 0) {
                throw new BadRow(name + " must not be negative, was " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new BadRow(name + " '" + value + "' is not a whole number");
        }
    }

    private static Wear wear(String value) throws BadRow {
        switch (value.toUpperCase(Locale.ROOT)) {
            case "", "0", "UNKNOWN", "WEAR_UNKNOWN":
                return Wear.UNKNOWN;
            case "1", "WORN":
                return Wear.WORN;
            case "2", "OFF_BODY":
                return Wear.OFF_BODY;
            case "3", "CHARGING":
                return Wear.CHARGING;
            default:
                throw new BadRow("wear '" + value + "' is not one of WORN, OFF_BODY, CHARGING, UNKNOWN (or 0-3)");
        }
    }
}
