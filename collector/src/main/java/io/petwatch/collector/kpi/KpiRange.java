package io.petwatch.collector.kpi;

import io.petwatch.collector.api.BadInput;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** The UTC days a KPI report covers: {@code from} inclusive, {@code to} exclusive, at most 366 days. */
public record KpiRange(LocalDate from, LocalDate to) {
    static final int MAX_DAYS = 366;
    static final int DEFAULT_DAYS = 30;

    /**
     * The range asked for, as the API and the console take it: dates like 2026-11-01, each optional (the last 30
     * days up to and including today by default).
     *
     * @throws BadInput naming what is wrong
     */
    public static KpiRange of(String from, String to, Clock clock) {
        LocalDate start;
        LocalDate end;
        try {
            end = blank(to) ? LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1) : LocalDate.parse(to);
            start = blank(from) ? end.minusDays(DEFAULT_DAYS) : LocalDate.parse(from);
        } catch (DateTimeParseException e) {
            throw new BadInput("from and to must be dates like 2026-11-01, was '" + e.getParsedString() + "'");
        }
        if (!start.isBefore(end) || end.toEpochDay() - start.toEpochDay() > MAX_DAYS) {
            throw new BadInput("from must be before to, at most " + MAX_DAYS + " days apart; was " + start + " .. "
                    + end);
        }
        return new KpiRange(start, end);
    }

    /** The last day included. */
    public LocalDate lastDay() {
        return to.minusDays(1);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
