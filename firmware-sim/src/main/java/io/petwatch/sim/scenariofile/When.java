package io.petwatch.sim.scenariofile;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When an event happens: an ISO instant, or {@code day N [HH:MM]} counted from the run's start, in the collar's
 * local time. Day 0 is the calendar date (in UTC) of the run's start, as the scored suite counts days.
 *
 * @param absolute the instant, for the ISO form
 * @param day      the day, for the day form
 * @param time     the local time of day, for the day form, if given (midnight otherwise)
 */
record When(Optional<Instant> absolute, int day, Optional<LocalTime> time) {
    private static final Pattern DAY = Pattern.compile("day\\s+(\\d{1,4})(?:\\s+(\\d{1,2}):(\\d{2}))?");

    static Optional<When> read(Field at, Values values) {
        Matcher m = DAY.matcher(at.text());
        if (at.isScalar() && m.matches()) {
            int hour = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            int minute = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            if (hour > 23 || minute > 59) {
                values.problems().add(at, "the time of day must be 00:00..23:59, was " + at.shown());
                return Optional.empty();
            }
            Optional<LocalTime> time = m.group(2) == null ? Optional.empty() : Optional.of(LocalTime.of(hour, minute));
            return Optional.of(new When(Optional.empty(), Integer.parseInt(m.group(1)), time));
        }
        if (at.isScalar() && !at.text().startsWith("day")) {
            return values.instant(at).map(i -> new When(Optional.of(i), 0, Optional.empty()));
        }
        values.problems().add(at, "must be 'day N', 'day N HH:MM' or an ISO-8601 instant such as"
                + " 2026-03-21T08:00:00Z, was " + at.shown());
        return Optional.empty();
    }

    /** The instant for a collar in {@code zone}. */
    Instant resolve(Instant runStart, ZoneId zone) {
        return absolute.orElseGet(() -> localTime(runStart, zone, day, time.orElse(LocalTime.MIDNIGHT)));
    }

    /** Whether a time of day was given (or an instant): kinds with a default time of their own use theirs otherwise. */
    boolean timed() {
        return absolute.isPresent() || time.isPresent();
    }

    /** Local wall time on a day of the run, as the scored suite reckons it. */
    static Instant localTime(Instant runStart, ZoneId zone, int day, LocalTime time) {
        return LocalDate.ofInstant(runStart, ZoneOffset.UTC).plusDays(day).atTime(time).atZone(zone).toInstant();
    }

    /** The same moment {@code days} later: the next night at the same local time, or 24 hours on for an instant. */
    When plusDays(int days) {
        return absolute.map(i -> new When(Optional.of(i.plusSeconds(86_400L * days)), 0, time))
                .orElseGet(() -> new When(Optional.empty(), day + days, time));
    }
}
