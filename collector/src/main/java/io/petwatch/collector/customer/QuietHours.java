package io.petwatch.collector.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The hours, in the customer's own time zone, when they do not want to hear from us, for example 21:30 to 08:00.
 * A window may run past midnight. On a daylight-saving day the wall-clock times still apply: a quiet end that falls
 * in the spring-forward gap is moved to the first valid instant after it.
 */
public record QuietHours(LocalTime start, LocalTime end) {
    public QuietHours {
        if (start.equals(end)) {
            throw new IllegalArgumentException("quiet hours must not start and end at the same time (" + start + ")");
        }
    }

    /** Quiet hours like "21:30-08:00". */
    public static QuietHours parse(String value) {
        String[] parts = value.split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException("quiet hours must look like 21:30-08:00, was '" + value + "'");
        }
        try {
            return new QuietHours(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("quiet hours must look like 21:30-08:00, was '" + value + "'", e);
        }
    }

    private boolean crossesMidnight() {
        return end.isBefore(start);
    }

    /** Whether {@code now} falls in the quiet hours where the customer lives. */
    public boolean contains(Instant now, ZoneId zone) {
        LocalTime local = now.atZone(zone).toLocalTime();
        return crossesMidnight() ? !local.isBefore(start) || local.isBefore(end)
                : !local.isBefore(start) && local.isBefore(end);
    }

    /** When the current quiet period ends, or empty when {@code now} is not in quiet hours. */
    public Optional<Instant> endOfQuiet(Instant now, ZoneId zone) {
        if (!contains(now, zone)) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(zone);
        LocalDate endDay = crossesMidnight() && !local.toLocalTime().isBefore(start)
                ? local.toLocalDate().plusDays(1) : local.toLocalDate();
        return Optional.of(ZonedDateTime.of(endDay, end, zone).toInstant());
    }

    @Override
    public String toString() {
        return start + "-" + end;
    }
}
