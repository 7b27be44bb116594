package io.petwatch.collector.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuietHoursTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final QuietHours NIGHT = QuietHours.parse("21:30-08:00");

    @Test
    void aWindowPastMidnightHoldsUntilTheMorningInTheOwnersZone() {
        Instant lateEvening = Instant.parse("2026-06-10T21:00:00Z"); // 22:00 in London (BST)

        assertTrue(NIGHT.contains(lateEvening, LONDON));
        assertEquals(Optional.of(Instant.parse("2026-06-11T07:00:00Z")), NIGHT.endOfQuiet(lateEvening, LONDON));
    }

    @Test
    void theSameInstantIsDaytimeForAnOwnerInAnotherZone() {
        Instant instant = Instant.parse("2026-06-10T21:00:00Z"); // 17:00 in New York

        assertFalse(NIGHT.contains(instant, NEW_YORK));
        assertEquals(Optional.empty(), NIGHT.endOfQuiet(instant, NEW_YORK));
    }

    @Test
    void earlyMorningEndsTheSameDay() {
        Instant early = Instant.parse("2026-01-15T06:00:00Z"); // 06:00 in London (GMT)

        assertEquals(Optional.of(Instant.parse("2026-01-15T08:00:00Z")), NIGHT.endOfQuiet(early, LONDON));
    }

    @Test
    void theQuietNightTheClocksGoForwardIsAnHourShorterInUtc() {
        // 29 March 2026: London goes from GMT to BST at 01:00 UTC; 08:00 local is then 07:00 UTC.
        Instant beforeChange = Instant.parse("2026-03-28T22:00:00Z"); // 22:00 GMT

        assertEquals(Optional.of(Instant.parse("2026-03-29T07:00:00Z")), NIGHT.endOfQuiet(beforeChange, LONDON));
    }

    @Test
    void theQuietNightTheClocksGoBackEndsAtEightLocalTime() {
        // 25 October 2026: BST ends at 01:00 UTC; 08:00 local is 08:00 UTC.
        Instant beforeChange = Instant.parse("2026-10-24T21:00:00Z"); // 22:00 BST

        assertEquals(Optional.of(Instant.parse("2026-10-25T08:00:00Z")), NIGHT.endOfQuiet(beforeChange, LONDON));
    }

    @Test
    void aQuietEndInTheSpringForwardGapMovesToTheFirstValidInstant() {
        QuietHours untilHalfOne = QuietHours.parse("23:00-01:30"); // 01:30 does not exist in London on 29 March
        Instant midnight = Instant.parse("2026-03-29T00:00:00Z");

        assertEquals(Optional.of(Instant.parse("2026-03-29T01:30:00Z")), untilHalfOne.endOfQuiet(midnight, LONDON));
    }

    @Test
    void aDaytimeWindowDoesNotWrap() {
        QuietHours siesta = QuietHours.parse("13:00-15:00");

        assertTrue(siesta.contains(Instant.parse("2026-01-15T14:00:00Z"), LONDON));
        assertFalse(siesta.contains(Instant.parse("2026-01-15T16:00:00Z"), LONDON));
    }

    @Test
    void malformedQuietHoursAreRefusedWithTheExpectedShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QuietHours.parse("late"));
        assertTrue(e.getMessage().contains("21:30-08:00"));
        assertThrows(IllegalArgumentException.class, () -> QuietHours.parse("08:00-08:00"));
    }
}
