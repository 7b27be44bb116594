package io.petwatch.sim.replay;

import de.siegmar.fastcsv.reader.CsvRecord;
import io.petwatch.proto.v1.Sample;
import io.petwatch.proto.v1.WearState;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * One row of a recording, {@code collar_id,minute_start,activity[,steps,wear]}, as the gateway's replay reads it:
 * minute_start in epoch milliseconds or ISO-8601 with an offset; wear WORN, OFF_BODY, CHARGING or UNKNOWN (or 0-3).
 */
record MinuteRow(String collarId, Sample sample) {
    /** A row that cannot be used, with the reason. */
    static final class BadRow extends Exception {
        BadRow(String message) {
            super(message);
        }
    }

    static boolean isHeader(CsvRecord record) {
        return record.getFieldCount() > 0 && record.getField(0).trim().equalsIgnoreCase("collar_id");
    }

    static MinuteRow parse(CsvRecord record) throws BadRow {
        int n = record.getFieldCount();
        if (n != 3 && n != 5) {
            throw new BadRow("expected 3 fields (collar_id,minute_start,activity) or 5 (...,steps,wear), found " + n);
        }
        String collar = record.getField(0).trim();
        if (!collar.matches("[A-Za-z0-9_.:-]{1,64}")) {
            throw new BadRow("collar_id '" + collar + "' must be 1 to 64 letters, digits, '-', '_', '.' or ':'");
        }
        long minute = minuteStart(record.getField(1).trim());
        int activity = count("activity", record.getField(2));
        int steps = n == 5 && !record.getField(3).isBlank() ? count("steps", record.getField(3)) : 0;
        WearState wear = n == 5 ? wear(record.getField(4).trim()) : WearState.WEAR_UNKNOWN;
        return new MinuteRow(collar, Sample.newBuilder().setMinuteStartMs(minute).setActivity(activity)
                .setSteps(steps).setWear(wear).build());
    }

    private static long minuteStart(String value) throws BadRow {
        if (!value.isEmpty() && value.length() < 19 && value.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(value);
        }
        try {
            return OffsetDateTime.parse(value).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new BadRow("minute_start '" + value + "' is neither ISO-8601 with an offset nor epoch milliseconds");
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
            throw new BadRow(name + " '" + value.trim() + "' is not a whole number");
        }
    }

    private static WearState wear(String value) throws BadRow {
        switch (value.toUpperCase(Locale.ROOT)) {
            case "", "0", "UNKNOWN", "WEAR_UNKNOWN":
                return WearState.WEAR_UNKNOWN;
            case "1", "WORN":
                return WearState.WORN;
            case "2", "OFF_BODY":
                return WearState.OFF_BODY;
            case "3", "CHARGING":
                return WearState.CHARGING;
            default:
                throw new BadRow("wear '" + value + "' is not one of WORN, OFF_BODY, CHARGING, UNKNOWN (or 0-3)");
        }
    }
}
