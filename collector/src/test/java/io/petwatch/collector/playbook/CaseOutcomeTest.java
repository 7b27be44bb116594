package io.petwatch.collector.playbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CaseOutcomeTest {
    @Test
    void careThatHelpedRaisesLoyaltyAndAnOwnerWeCouldNotReachLowersIt() {
        assertEquals(55, CaseOutcome.VET_BOOKED.applyTo(50));
        assertEquals(55, CaseOutcome.TELETRIAGE_USED.applyTo(50));
        assertEquals(53, CaseOutcome.OWNER_REASSURED.applyTo(50));
        assertEquals(49, CaseOutcome.COULD_NOT_REACH.applyTo(50));
    }

    @Test
    void aFalseAlarmDoesNotLowerTheCustomersLoyalty() {
        assertEquals(50, CaseOutcome.FALSE_ALARM.applyTo(50), "the customer did nothing wrong: the alarm was ours");
        assertEquals(1, CaseOutcome.FALSE_ALARM.applyTo(1));
    }

    @Test
    void theScoreStaysWithinZeroToHundred() {
        assertEquals(100, CaseOutcome.VET_BOOKED.applyTo(98));
        assertEquals(0, CaseOutcome.COULD_NOT_REACH.applyTo(0));
    }

    @Test
    void onlyAFalseAlarmBecomesADetectionLabel() {
        assertTrue(CaseOutcome.FALSE_ALARM.falseAlarm());
        assertFalse(CaseOutcome.VET_BOOKED.falseAlarm());
    }

    @Test
    void anUnknownOutcomeIsRefusedListingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CaseOutcome.parse("cured"));
        assertTrue(e.getMessage().contains("VET_BOOKED"), e.getMessage());
        assertEquals(CaseOutcome.FALSE_ALARM, CaseOutcome.parse(" false_alarm "));
    }
}
