package io.petwatch.gateway.census;

import io.petwatch.gateway.detect.CollarBatch;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The collars this hub hears, for the hourly census: per collar the firmware it last reported and the newest event
 * time of its telemetry. It is the one place the gateway keeps a collar's firmware while it runs (alerts carry it,
 * and each collar's snapshot saves it so a restart puts it back here). Only
 * admitted collars are noted and a forgotten collar is dropped, so it is bounded like detection state. Fed by the
 * detection thread (and the recovery before it starts), read by the alert raiser and the census timer: every method
 * is synchronized, and none takes another lock.
 */
public final class CollarCensus {
    /** A collar counts in the census when its newest telemetry is at most this much older than the hub's newest. */
    public static final Duration WINDOW = Duration.ofHours(24);

    /** Firmware versions as reported (cleaned at the edge); a collar that never reported one is absent. */
    private final Map<String, String> firmware = new HashMap<>();
    /** Event time of each collar's newest accepted minute; a collar without accepted data is absent. */
    private final Map<String, Long> newestMs = new HashMap<>();

    /**
     * What a census found.
     *
     * @param byFirmware collars heard within the window, by the firmware they last reported ("" for none), sorted
     */
    public record Counts(Map<String, Integer> byFirmware) {
        public Counts {
            byFirmware = Collections.unmodifiableSortedMap(new TreeMap<>(byFirmware));
        }

        /** Collars counted, across firmware versions. */
        public int collars() {
            return byFirmware.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** Notes the firmware the batch reports; a batch without one leaves the collar's last known version. */
    public void noteFirmware(CollarBatch batch) {
        noteFirmware(batch.collarId(), batch.firmware());
    }

    /**
     * Notes the collar's firmware, as a batch reported it or as its snapshot kept it across a restart; "" (none
     * reported, or a snapshot from before firmware was kept) leaves the last known version.
     */
    public synchronized void noteFirmware(String collarId, String version) {
        if (!version.isEmpty()) {
            firmware.put(collarId, version);
        }
    }

    /** The collar has data up to {@code eventMs} (its own clock); an older time than already known changes nothing. */
    public synchronized void heard(String collarId, long eventMs) {
        newestMs.merge(collarId, eventMs, Math::max);
    }

    /** Drops the collar (its slot went to another collar). */
    public synchronized void forget(String collarId) {
        firmware.remove(collarId);
        newestMs.remove(collarId);
    }

    /** The firmware the collar last reported; empty if it never reported one. */
    public synchronized Optional<String> firmware(String collarId) {
        return Optional.ofNullable(firmware.get(collarId));
    }

    /**
     * Counts, by firmware, the collars whose newest telemetry is at most {@code window} older than the newest
     * telemetry of any collar on the hub. Event time, not the hub's clock: a hub that was off, or data replayed
     * late, judges the collars against each other.
     */
    public synchronized Counts take(Duration window) {
        long newest = newestMs.values().stream().mapToLong(Long::longValue).max().orElse(Long.MIN_VALUE);
        Map<String, Integer> counts = new HashMap<>();
        newestMs.forEach((collar, ms) -> {
            if (newest - ms <= window.toMillis()) {
                counts.merge(firmware.getOrDefault(collar, ""), 1, Integer::sum);
            }
        });
        return new Counts(counts);
    }
}
