package io.petwatch.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.petwatch.gateway.detect.CollarBatch;
import io.petwatch.gateway.detect.MinuteSample;
import io.petwatch.gateway.detect.Wear;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CollarAdmissionTest {
    private static final long NOW = Instant.parse("2026-06-01T12:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;

    /** A well-formed hour of minutes ending {@code agoMs} before the hub clock. */
    private static CollarBatch batch(String collarId, long agoMs) {
        List<MinuteSample> samples = new ArrayList<>();
        for (int m = 0; m < 60; m++) {
            samples.add(new MinuteSample(NOW - agoMs - HOUR + m * 60_000L, 10, 0, Wear.WORN));
        }
        return new CollarBatch(collarId, 1, "2.1.0", 80, false, samples);
    }

    private static CollarAdmission.Verdict.Refused refused(CollarAdmission.Verdict verdict) {
        return assertInstanceOf(CollarAdmission.Verdict.Refused.class, verdict);
    }

    @Test
    void withAPairingListOnlyListedCollarsAreAdmitted() {
        CollarAdmission admission = new CollarAdmission(List.of("c-1"), 1, Duration.ofDays(7));

        assertInstanceOf(CollarAdmission.Verdict.Admitted.class, admission.admit(batch("c-1", 0), NOW));
        assertEquals("unknown-collar", refused(admission.admit(batch("c-2", 0), NOW)).why().reason());
    }

    @Test
    void junkNeverDisplacesKnownCollars() {
        CollarAdmission admission = new CollarAdmission(List.of(), 2, Duration.ofDays(7));
        admission.admit(batch("a", 0), NOW);
        admission.admit(batch("b", 0), NOW);

        for (int i = 0; i < 500; i++) {
            assertEquals("too-many-collars", refused(admission.admit(batch("junk-" + i, 0), NOW + i)).why().reason());
        }

        assertEquals(2, admission.admitted());
        assertInstanceOf(CollarAdmission.Verdict.Admitted.class, admission.admit(batch("a", 0), NOW + DAY));
    }

    @Test
    void aNewCollarNeedsAWellFormedFirstBatch() {
        CollarAdmission admission = new CollarAdmission(List.of(), 10, Duration.ofDays(7));
        CollarBatch empty = new CollarBatch("e", 1, "", 0, false, List.of());
        CollarBatch tooLong = new CollarBatch("l", 1, "", 0, false, List.of(
                new MinuteSample(NOW - 3 * DAY, 1, 0, Wear.WORN), new MinuteSample(NOW, 1, 0, Wear.WORN)));

        for (CollarBatch bad : List.of(empty, tooLong, batch("future", -2 * DAY))) {
            assertEquals("not-admitted", refused(admission.admit(bad, NOW)).why().reason(), bad.collarId());
        }
        assertEquals(0, admission.admitted());
        assertInstanceOf(CollarAdmission.Verdict.Admitted.class, admission.admit(batch("good", 0), NOW));
        assertInstanceOf(CollarAdmission.Verdict.Admitted.class, admission.admit(batch("backlog", 40 * DAY), NOW),
                "a collar back from weeks away uploads its backlog oldest first");
    }

    @Test
    void theSlotOfACollarSilentLongEnoughGoesToANewOne() {
        CollarAdmission admission = new CollarAdmission(List.of(), 2, Duration.ofDays(7));
        admission.admit(batch("gone", 0), NOW);
        admission.admit(batch("here", 0), NOW);
        admission.admit(batch("here", 0), NOW + 6 * DAY);

        assertEquals("too-many-collars", refused(admission.admit(batch("new", 0), NOW + 6 * DAY)).why().reason(),
                "six days of silence is not enough");
        CollarAdmission.Verdict.Admitted admitted = assertInstanceOf(CollarAdmission.Verdict.Admitted.class,
                admission.admit(batch("new", 0), NOW + 7 * DAY));

        assertEquals(Optional.of("gone"), admitted.reclaimed());
        assertEquals(2, admission.admitted());
    }

    @Test
    void collarsKnownFromSavedStateKeepTheirSlots() {
        CollarAdmission admission = new CollarAdmission(List.of(), 1, Duration.ofDays(7));
        admission.known("saved", NOW);

        assertEquals("too-many-collars", refused(admission.admit(batch("new", 0), NOW + DAY)).why().reason());
        assertInstanceOf(CollarAdmission.Verdict.Admitted.class, admission.admit(batch("saved", 0), NOW + DAY));
    }
}
