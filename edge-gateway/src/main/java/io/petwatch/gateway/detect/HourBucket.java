package io.petwatch.gateway.detect;

/** One event-time hour of one collar: summed activity over worn minutes, and which minutes arrived. */
final class HourBucket {
    private final long hourStartMs;
    private final int hourOfDay;
    private long seenMinutes;   // bit i set: minute i of the hour arrived (dedups re-sent batches)
    private long activity;
    private int wornMinutes;

    HourBucket(long hourStartMs, int hourOfDay) {
        this.hourStartMs = hourStartMs;
        this.hourOfDay = hourOfDay;
    }

    /** Adds a minute; returns false when that minute was already recorded. */
    boolean add(int minuteOfHour, MinuteSample sample) {
        long bit = 1L << minuteOfHour;
        if ((seenMinutes & bit) != 0) {
            return false;
        }
        seenMinutes |= bit;
        if (sample.wear().mayBeWorn()) {
            activity += sample.activity();
            wornMinutes++;
        }
        return true;
    }

    long hourStartMs() {
        return hourStartMs;
    }

    int hourOfDay() {
        return hourOfDay;
    }

    long activity() {
        return activity;
    }

    int wornMinutes() {
        return wornMinutes;
    }

    /** Activity per worn minute. */
    double rate() {
        return wornMinutes == 0 ? 0.0 : (double) activity / wornMinutes;
    }
}
