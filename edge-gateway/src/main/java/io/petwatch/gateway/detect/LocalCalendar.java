package io.petwatch.gateway.detect;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Local hour of day, local day and weekend for epoch hours in the household's zone. The UTC offset is cached
 * with the span it is valid for (between two daylight-saving transitions), so lookups do not allocate.
 */
final class LocalCalendar {
    private final ZoneRules rules;
    private long validFromMs = Long.MAX_VALUE;
    private long validToMs = Long.MIN_VALUE;
    private long offsetSeconds;

    LocalCalendar(ZoneId zone) {
        this.rules = zone.getRules();
    }

    int hourOfDay(long hour) {
        return (int) Math.floorMod(Math.floorDiv(localSeconds(hour), 3600L), 24L);
    }

    /** Local days since 1970-01-01. */
    long day(long hour) {
        return Math.floorDiv(localSeconds(hour), 86_400L);
    }

    /** The first hour of a local day, found from an hour near it (a day is 23 to 25 hours long). */
    long startHour(long day, long nearHour) {
        long h = nearHour;
        while (day(h) > day) {
            h -= 24;
        }
        while (day(h) < day) {
            h++;
        }
        while (day(h - 1) == day) {
            h--;
        }
        return h;
    }

    boolean weekend(long hour) {
        // 1970-01-01 was a Thursday: (day + 3) mod 7 numbers Monday as 0.
        return Math.floorMod(day(hour) + 3, 7L) >= 5;
    }

    private long localSeconds(long hour) {
        long ms = hour * HourRing.HOUR_MS;
        if (ms < validFromMs || ms >= validToMs) {
            Instant at = Instant.ofEpochMilli(ms);
            offsetSeconds = rules.getOffset(at).getTotalSeconds();
            ZoneOffsetTransition previous = rules.previousTransition(at.plusMillis(1));
            ZoneOffsetTransition next = rules.nextTransition(at);
            validFromMs = previous == null ? Long.MIN_VALUE : previous.toEpochSecond() * 1000;
            validToMs = next == null ? Long.MAX_VALUE : next.toEpochSecond() * 1000;
        }
        return hour * 3600L + offsetSeconds;
    }
}
