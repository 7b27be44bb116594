package io.petwatch.collector.playbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.customer.AlertContext;
import io.petwatch.collector.customer.Owner;
import io.petwatch.collector.customer.Pet;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TriagePolicyTest {
    private static final TriagePolicy POLICY = new TriagePolicy(Duration.ofHours(4), 3);
    private static final AlertContext CONTEXT = new AlertContext(new Owner("cus-1", "Amelia", "Hart", "+44", 50),
            new Pet("pet-1", "Biscuit", "dog", "male"));

    private static TriageRequest alert(String kind, String state, Optional<AlertContext> context) {
        Instant start = Instant.parse("2026-03-10T00:00:00Z");
        return new TriageRequest("a-1", "collar-1", kind, state, "MEDIUM", start, start.plus(Duration.ofHours(48)),
                start.plus(Duration.ofHours(48)), 0.3, "activity at 30%", context);
    }

    @Test
    void textsTheOwnerAboutLethargyAndEscalatesAfterFourHours() {
        TriageDecision decision = POLICY.decide(alert("LOW_ACTIVITY", "FIRING", Optional.of(CONTEXT)), 0);

        TriageDecision.NotifyOwner notify = assertInstanceOf(TriageDecision.NotifyOwner.class, decision);
        assertEquals(TriagePolicy.LETHARGY_TEMPLATE, notify.template());
        assertEquals(Duration.ofHours(4), notify.escalateAfter());
        assertTrue(notify.reason().contains("activity at 30%"), notify.reason());
    }

    @Test
    void neverTextsPastTheDailyCapAndHandsTheCaseToAnAgentInstead() {
        TriageDecision decision = POLICY.decide(alert("LOW_ACTIVITY", "FIRING", Optional.of(CONTEXT)), 3);

        TriageDecision.EscalateToAgent escalate = assertInstanceOf(TriageDecision.EscalateToAgent.class, decision);
        assertTrue(escalate.reason().contains("cap 3"), escalate.reason());
    }

    @Test
    void closesTheCaseWhenThePetRecovers() {
        TriageDecision decision = POLICY.decide(alert("LOW_ACTIVITY", "RESOLVED", Optional.of(CONTEXT)), 0);

        assertTrue(assertInstanceOf(TriageDecision.CloseCase.class, decision).outcome().startsWith("Biscuit recovered"));
    }

    @Test
    void recordsAnAlertWithNobodyToContactAsUnmatched() {
        TriageDecision decision = POLICY.decide(alert("LOW_ACTIVITY", "FIRING", Optional.empty()), 0);

        assertTrue(assertInstanceOf(TriageDecision.RecordOnly.class, decision).unmatched());
    }

    @Test
    void sendsNoVetMessageForDeviceAlerts() {
        TriageDecision decision = POLICY.decide(alert("COLLAR_OFF", "FIRING", Optional.of(CONTEXT)), 0);

        TriageDecision.RecordOnly record = assertInstanceOf(TriageDecision.RecordOnly.class, decision);
        assertTrue(record.reason().contains("COLLAR_OFF"));
    }

    @Test
    void rejectsANonPositiveEscalationDelay() {
        assertThrows(IllegalArgumentException.class, () -> new TriagePolicy(Duration.ZERO, 3));
    }

    @Test
    void speaksOfThePetAsItsOwnerWould() {
        assertEquals("her", new Pet("p", "Luna", "dog", "female").possessive());
        assertEquals("his", new Pet("p", "Max", "dog", "male").possessive());
        assertEquals("their", new Pet("p", "Kit", "cat", "unknown").possessive());
    }
}
