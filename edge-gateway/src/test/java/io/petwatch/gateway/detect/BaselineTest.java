package io.petwatch.gateway.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineTest {
    private static final long HOUR = ActivityHistory.HOUR_MS;

    private static void hourAt(ActivityHistory history, long hourStart, int activityPerMinute) {
        for (int m = 0; m < 60; m++) {
            history.add(new MinuteSample(hourStart + m * ActivityHistory.MINUTE_MS, activityPerMinute, 0, Wear.WORN));
        }
    }

    @Test
    void learnsTheMedianOfTheSameHourAndIgnoresAnOutlierDay() {
        ActivityHistory history = new ActivityHistory(ZoneOffset.UTC);
        int[] perDay = {10, 11, 9, 10, 500, 10, 12}; // one very long walk
        for (int day = 0; day < perDay.length; day++) {
            hourAt(history, day * 24 * HOUR + 8 * HOUR, perDay[day]);
        }

        Baseline baseline = Baseline.learn(history, 0, 7 * 24 * HOUR, 30, 7);

        assertEquals(10.0, baseline.rate(8).orElseThrow(), 1e-9);
        assertTrue(baseline.rate(9).isEmpty(), "an hour never seen is not known");
        assertEquals(1, baseline.knownHours());
    }

    @Test
    void anHourOfDayIsUnknownUntilItHasEnoughDays() {
        ActivityHistory history = new ActivityHistory(ZoneOffset.UTC);
        for (int day = 0; day < 6; day++) {
            hourAt(history, day * 24 * HOUR, 5);
        }

        assertTrue(Baseline.learn(history, 0, 7 * 24 * HOUR, 30, 7).rate(0).isEmpty());
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, Baseline.median(List.of(4.0, 1.0, 2.0, 3.0)), 1e-9);
    }

    @Test
    void offBodyMinutesAreNotCountedAsWorn() {
        ActivityHistory history = new ActivityHistory(ZoneOffset.UTC);
        history.add(new MinuteSample(0, 0, 0, Wear.OFF_BODY));
        history.add(new MinuteSample(60_000, 0, 0, Wear.CHARGING));
        history.add(new MinuteSample(120_000, 7, 0, Wear.WORN));

        HourBucket bucket = history.hour(0).orElseThrow();
        assertEquals(1, bucket.wornMinutes());
        assertEquals(7, bucket.activity());
    }
}
