package io.petwatch.collector.playbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CreditPolicyTest {
    private final CreditPolicy policy = new CreditPolicy(2500, 2000);

    @Test
    void aCreditUpToTheCapStandsAndAboveItWaitsForASupervisor() {
        assertEquals("GRANTED", policy.statusFor(2000));
        assertEquals("GRANTED", policy.statusFor(2500));
        assertEquals("PENDING_APPROVAL", policy.statusFor(2501));
    }

    @Test
    void nothingAndNegativeAmountsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> policy.statusFor(0));
        assertThrows(IllegalArgumentException.class, () -> new CreditPolicy(-1, 2000));
    }
}
