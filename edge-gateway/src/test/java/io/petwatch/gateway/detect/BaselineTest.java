package io.petwatch.gateway.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BaselineTest {
    /** 2026-03-02 was a Monday. */
    private static final long MONDAY = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli() / HourRing.HOUR_MS;
    private final LocalCalendar utc = new LocalCalendar(ZoneOffset.UTC);

    private static void fill(HourRing ring, long hour, int activityPerMinute) {
        ring.advanceTo(hour);
        for (int m = 0; m < 60; m++) {
            ring.add(hour, activityPerMinute, true, false);
        }
    }

    @Test
    void quartilesInterpolateBetweenTheClosestRanks() {
        assertEquals(2.0, Baseline.quantile(new double[] {1, 2, 3, 4, 5}, 0.25), 1e-9);
        assertEquals(4.0, Baseline.quantile(new double[] {1, 2, 3, 4, 5}, 0.75), 1e-9);
        assertEquals(1.75, Baseline.quantile(new double[] {1, 2, 3, 4}, 0.25), 1e-9);
        assertEquals(7.0, Baseline.quantile(new double[] {7}, 0.75), 1e-9);
    }

    @Test
    void learnsTheMedianOfTheSameHourAndIgnoresAnOutlierDay() {
        HourRing ring = new HourRing(24 * 10);
        int[] perDay = {10, 11, 9, 10, 500, 10, 12}; // one very long walk
        for (int day = 0; day < perDay.length; day++) {
            for (int h = 0; h < 24; h++) {
                fill(ring, MONDAY + day * 24 + h, h == 8 ? perDay[day] : 1);
            }
        }

        Baseline baseline = Baseline.learn(ring, utc, MONDAY, MONDAY + 7 * 24, 30, 7);

        assertEquals(10.0, baseline.rate(MONDAY + 8, utc), 1e-6);
        assertEquals(7, baseline.learnedDays());
    }

    @Test
    void anHourOfDayIsUnknownUntilItHasEnoughDays() {
        HourRing ring = new HourRing(24 * 10);
        for (int day = 0; day < 6; day++) {
            fill(ring, MONDAY + day * 24L, 5);
        }

        assertTrue(Float.isNaN(Baseline.learn(ring, utc, MONDAY, MONDAY + 7 * 24, 30, 7).rate(MONDAY, utc)));
    }

    @Test
    void weekendsGetTheirOwnProfileWhenTheyDiffer() {
        HourRing ring = new HourRing(24 * 30);
        for (int day = 0; day < 28; day++) {
            boolean weekend = day % 7 >= 5;
            for (int h = 0; h < 24; h++) {
                fill(ring, MONDAY + day * 24L + h, weekend ? 20 : 10);
            }
        }

        Baseline baseline = Baseline.learn(ring, utc, MONDAY, MONDAY + 28 * 24, 30, 7);

        assertTrue(baseline.splitWeekend());
        assertEquals(10.0, baseline.rate(MONDAY + 12, utc), 1e-6);
        assertEquals(20.0, baseline.rate(MONDAY + 5 * 24 + 12, utc), 1e-6);
    }

    @Test
    void weekendsShareTheProfileWhenTheyDoNotDiffer() {
        HourRing ring = new HourRing(24 * 30);
        for (int day = 0; day < 28; day++) {
            for (int h = 0; h < 24; h++) {
                fill(ring, MONDAY + day * 24L + h, day % 7 >= 5 ? 11 : 10);
            }
        }

        assertFalse(Baseline.learn(ring, utc, MONDAY, MONDAY + 28 * 24, 30, 7).splitWeekend());
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, Baseline.median(new double[] {4.0, 1.0, 2.0, 3.0}, 4), 1e-9);
    }

    @Test
    void localHoursFollowDaylightSavingTime() {
        LocalCalendar paris = new LocalCalendar(ZoneId.of("Europe/Paris"));
        long beforeChange = Instant.parse("2026-03-28T12:00:00Z").toEpochMilli() / HourRing.HOUR_MS;
        long afterChange = Instant.parse("2026-03-30T12:00:00Z").toEpochMilli() / HourRing.HOUR_MS;

        assertEquals(13, paris.hourOfDay(beforeChange)); // CET, UTC+1
        assertEquals(14, paris.hourOfDay(afterChange));  // CEST, UTC+2
        assertTrue(paris.weekend(beforeChange));          // a Saturday
        assertFalse(paris.weekend(afterChange));          // a Monday
    }
}
