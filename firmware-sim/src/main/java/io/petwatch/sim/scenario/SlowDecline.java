package io.petwatch.sim.scenario;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * Collars whose pet slowly declines: normal, then activity falling linearly to {@code floor} over {@code rampDays},
 * then staying there for {@code holdDays} up to the run's end. A decline is judged over a month (the hub's drift
 * rule), so these collars may have more history than the rest of the run: their data start at least
 * {@code historyDays} before its end, on the Monday 00:00 UTC at or before that. Starting on a fixed weekday and hour,
 * and with the ramp placed from that start, a declining pet lives the same days whenever the run is made (the run's
 * end only adds up to a week more at the floor), so what the hub makes of it does not depend on the day of the run.
 * Its owner charges it before the battery runs low: a month of the usual drain would flatten it otherwise.
 *
 * @param collars     the declining collars (ids of the run's collars)
 * @param historyDays days of data these collars have at least before the run's end
 * @param rampDays    days the decline takes
 * @param holdDays    days at the floor after it, up to the run's end
 * @param floor       the share of normal activity the decline ends at
 */
public record SlowDecline(List<String> collars, int historyDays, int rampDays, int holdDays, double floor) {
    /** No declining collar. */
    public static final SlowDecline NONE = new SlowDecline(List.of(), 1, 1, 0, 1.0);

    public SlowDecline {
        collars = List.copyOf(collars);
        if (historyDays < 1 || historyDays > 366) {
            throw new IllegalArgumentException("decline history must be 1..366 days, was " + historyDays);
        }
        if (rampDays < 1 || holdDays < 0 || rampDays + holdDays > historyDays) {
            throw new IllegalArgumentException("a decline's ramp (" + rampDays + " days, at least 1) and hold ("
                    + holdDays + " days) must fit in its history of " + historyDays + " days");
        }
        if (floor < 0 || floor > 1) {
            throw new IllegalArgumentException("decline floor must be in 0..1, was " + floor);
        }
    }

    /** The decline of each collar, as ground truth: one episode from the ramp's start to the run's end. */
    public List<Episode> episodes(Instant runEnd) {
        Instant from = historyStart(runEnd).plus(Duration.ofDays(historyDays - rampDays - holdDays));
        return collars.stream().map(id -> new Episode(id, Episode.DECLINE, from, runEnd, floor,
                Duration.ofDays(rampDays))).toList();
    }

    /** Where a collar's data start: earlier than the run for a declining collar with a longer history. */
    public Instant startOf(String collarId, Instant runStart, Instant runEnd) {
        Instant history = historyStart(runEnd);
        return collars.contains(collarId) && history.isBefore(runStart) ? history : runStart;
    }

    /** The Monday 00:00 UTC at or before {@code historyDays} before the run's end. */
    private Instant historyStart(Instant runEnd) {
        LocalDate day = runEnd.minus(Duration.ofDays(historyDays)).atZone(ZoneOffset.UTC).toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
