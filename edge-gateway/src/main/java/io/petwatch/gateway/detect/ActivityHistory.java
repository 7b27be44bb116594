package io.petwatch.gateway.detect;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.TreeMap;

/** A collar's recent hours in event time, keyed by hour start; older hours are pruned. */
final class ActivityHistory {
    static final long HOUR_MS = 3_600_000L;
    static final long MINUTE_MS = 60_000L;

    private final ZoneId zone;
    private final TreeMap<Long, HourBucket> hours = new TreeMap<>();

    ActivityHistory(ZoneId zone) {
        this.zone = zone;
    }

    static long floorHour(long epochMs) {
        return Math.floorDiv(epochMs, HOUR_MS) * HOUR_MS;
    }

    /** Records a minute; returns false for a minute already recorded. */
    boolean add(MinuteSample sample) {
        long hourStart = floorHour(sample.minuteStartMs());
        int minuteOfHour = (int) ((sample.minuteStartMs() - hourStart) / MINUTE_MS);
        HourBucket bucket = hours.computeIfAbsent(hourStart,
                h -> new HourBucket(h, Instant.ofEpochMilli(h).atZone(zone).getHour()));
        return bucket.add(minuteOfHour, sample);
    }

    Optional<HourBucket> hour(long hourStartMs) {
        return Optional.ofNullable(hours.get(hourStartMs));
    }

    /** Hours in [fromMs, toMs), oldest first. */
    Iterable<HourBucket> between(long fromMs, long toMs) {
        return hours.subMap(fromMs, true, toMs, false).values();
    }

    int hourOfDay(long hourStartMs) {
        return Instant.ofEpochMilli(hourStartMs).atZone(zone).getHour();
    }

    /** Forgets hours that start before the given instant. */
    void pruneBefore(long epochMs) {
        hours.headMap(epochMs, false).clear();
    }

    int size() {
        return hours.size();
    }
}
