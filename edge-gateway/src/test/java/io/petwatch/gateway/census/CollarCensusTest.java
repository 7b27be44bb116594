package io.petwatch.gateway.census;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.petwatch.gateway.detect.CollarBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CollarCensusTest {
    private static final Duration DAY = CollarCensus.WINDOW;
    /** Event time of the newest data on the hub in these tests. */
    private static final long NEWEST = Instant.parse("2026-03-01T12:00:00Z").toEpochMilli();

    private final CollarCensus census = new CollarCensus();

    private void heard(String collarId, String firmware, long eventMs) {
        census.noteFirmware(new CollarBatch(collarId, 1, firmware, 80, false, List.of()));
        census.heard(collarId, eventMs);
    }

    private static long hoursBefore(long hours) {
        return NEWEST - Duration.ofHours(hours).toMillis();
    }

    @Test
    void countsCollarsHeardWithin24HoursByFirmware() {
        heard("rex", "2.1.0", NEWEST);
        heard("bella", "2.1.0", hoursBefore(3));
        heard("milo", "2.0.4", hoursBefore(23));
        heard("luna", "", hoursBefore(24)); // exactly the window: still counted

        CollarCensus.Counts counts = census.take(DAY);

        assertEquals(Map.of("2.1.0", 2, "2.0.4", 1, "", 1), counts.byFirmware());
        assertEquals(4, counts.collars());
        assertEquals(List.of("", "2.0.4", "2.1.0"), List.copyOf(counts.byFirmware().keySet()), "sorted");
    }

    @Test
    void aCollarSilentForMoreThanTheWindowIsNotCounted() {
        heard("rex", "2.1.0", NEWEST);
        heard("old-timer", "1.9.0", hoursBefore(24) - 60_000);

        assertEquals(Map.of("2.1.0", 1), census.take(DAY).byFirmware());
    }

    @Test
    void aFirmwareChangeMovesTheCollarAndABatchWithoutFirmwareKeepsTheLastOne() {
        heard("rex", "2.0.4", hoursBefore(2));
        heard("bella", "2.0.4", hoursBefore(2));
        heard("rex", "2.1.0", hoursBefore(1)); // updated over the air
        heard("rex", "", NEWEST); // a batch that does not say

        assertEquals(Map.of("2.0.4", 1, "2.1.0", 1), census.take(DAY).byFirmware());
        assertEquals(Optional.of("2.1.0"), census.firmware("rex"));
    }

    @Test
    void aForgottenCollarIsNotCounted() {
        heard("rex", "2.1.0", NEWEST);
        heard("bella", "2.0.4", hoursBefore(1));

        census.forget("rex");

        assertEquals(Map.of("2.0.4", 1), census.take(DAY).byFirmware());
        assertEquals(Optional.empty(), census.firmware("rex"));
    }

    @Test
    void theWindowIsInEventTimeNotTheWallClock() {
        // Data from years ago (a hub replaying old data, or one whose collars' clocks are off): the collars are judged
        // against each other, so the ones heard within a day of the newest count.
        long longAgo = Instant.parse("2019-06-01T08:00:00Z").toEpochMilli();
        heard("rex", "2.1.0", longAgo);
        heard("bella", "2.1.0", longAgo - Duration.ofHours(20).toMillis());
        heard("milo", "2.1.0", longAgo - Duration.ofHours(30).toMillis());

        assertEquals(Map.of("2.1.0", 2), census.take(DAY).byFirmware());
    }

    @Test
    void anOlderTimeDoesNotMoveACollarBack() {
        heard("rex", "2.1.0", NEWEST);
        heard("bella", "2.1.0", NEWEST);
        census.heard("bella", hoursBefore(48)); // a late batch from two days ago

        assertEquals(Map.of("2.1.0", 2), census.take(DAY).byFirmware());
    }

    @Test
    void aCollarWithFirmwareButNoDataIsNotCounted() {
        census.noteFirmware(new CollarBatch("rex", 1, "2.1.0", 80, false, List.of()));

        assertEquals(Map.of(), census.take(DAY).byFirmware());
        assertEquals(0, census.take(DAY).collars());
        assertEquals(Optional.of("2.1.0"), census.firmware("rex"), "alerts still carry it");
    }
}
