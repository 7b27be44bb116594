package io.petwatch.gateway.detect;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Given-helper: a deterministic minute-by-minute story of one collar, told in event time. */
final class PetTimeline {
    static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

    private final String collarId;
    private final Random random;
    private final List<MinuteSample> minutes = new ArrayList<>();
    private Instant cursor = START;

    private PetTimeline(String collarId, long seed) {
        this.collarId = collarId;
        this.random = new Random(seed);
    }

    static PetTimeline pet(String collarId) {
        return new PetTimeline(collarId, collarId.hashCode());
    }

    PetTimeline healthyFor(Duration duration) {
        return activeFor(duration, 1.0, Wear.WORN);
    }

    PetTimeline lethargicFor(Duration duration, double shareOfNormal) {
        return activeFor(duration, shareOfNormal, Wear.WORN);
    }

    PetTimeline offBodyFor(Duration duration) {
        return activeFor(duration, 0.0, Wear.OFF_BODY);
    }

    /** Worn-state unknown and no movement at all: what a collar lying in a drawer sends when it cannot sense wear. */
    PetTimeline zerosFor(Duration duration) {
        return activeFor(duration, 0.0, Wear.UNKNOWN);
    }

    PetTimeline silentFor(Duration duration) {
        cursor = cursor.plus(duration);
        return this;
    }

    private PetTimeline activeFor(Duration duration, double factor, Wear wear) {
        Instant end = cursor.plus(duration);
        for (; cursor.isBefore(end); cursor = cursor.plusSeconds(60)) {
            int hour = cursor.atZone(ZoneOffset.UTC).getHour();
            double mean = normalMean(hour) * factor * (0.8 + 0.4 * random.nextDouble());
            int activity = (int) Math.round(mean * random.nextDouble() * 2);
            minutes.add(new MinuteSample(cursor.toEpochMilli(), activity, activity / 10, wear));
        }
        return this;
    }

    /** A dog's day: quiet nights, two walks, a lazy afternoon. */
    static double normalMean(int hour) {
        if (hour < 6 || hour >= 22) {
            return 3;
        }
        if (hour == 7 || hour == 18) {
            return 150;
        }
        return 40;
    }

    Instant now() {
        return cursor;
    }

    /** Batches of {@code minutesPerBatch}, as the collar would publish them. */
    List<CollarBatch> batches(int minutesPerBatch) {
        List<CollarBatch> batches = new ArrayList<>();
        for (int i = 0, seq = 1; i < minutes.size(); i += minutesPerBatch, seq++) {
            List<MinuteSample> part = minutes.subList(i, Math.min(minutes.size(), i + minutesPerBatch));
            batches.add(new CollarBatch(collarId, seq, "sim-1.0", 80, false, part));
        }
        return batches;
    }
}
