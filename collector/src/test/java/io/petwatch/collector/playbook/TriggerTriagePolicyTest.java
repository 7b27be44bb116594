package io.petwatch.collector.playbook;

import static io.petwatch.collector.playbook.Triggers.AFTERNOON;
import static io.petwatch.collector.playbook.Triggers.LATE_EVENING;
import static io.petwatch.collector.playbook.Triggers.POLICY;
import static io.petwatch.collector.playbook.Triggers.amelia;
import static io.petwatch.collector.playbook.Triggers.trigger;
import static io.petwatch.collector.playbook.Triggers.withCase;
import static io.petwatch.collector.playbook.Triggers.withSent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.ingest.AcceptedAlert;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Retail triggers through the same playbook and guardrails as collar alerts, with the time passed in. */
class TriggerTriagePolicyTest {
    private static TriageDecision decide(TriageRequest request, OwnerState owner, Instant now) {
        return POLICY.decide(request, Optional.of(owner), now);
    }

    @Test
    void eachTriggerKindHasItsPlaybookScript() {
        Map<String, String> scripts = Map.of("PAYMENT_FAILED_AGAIN", "payment-assist", "PARCEL_NO_SCAN",
                "delay-notice", "PARCEL_STUCK", "delay-notice", "PARCEL_MISSING", "lost-maybe", "PARCEL_DELIVERED",
                "post-delivery-care", "SURVEY_UNHAPPY", "service-recovery");
        scripts.forEach((kind, script) -> assertEquals(script, assertInstanceOf(TriageDecision.Notify.class,
                decide(trigger(kind, "s-1", AFTERNOON), amelia(), AFTERNOON)).script(), kind));
    }

    @Test
    void aFailedCardWaitsForTheCustomerAndAnAgentFollowsUpAfterTwoDays() {
        TriageDecision.Notify notify = assertInstanceOf(TriageDecision.Notify.class,
                decide(trigger("PAYMENT_FAILED_AGAIN", "sub_1", AFTERNOON), amelia(), AFTERNOON));

        assertEquals(AFTERNOON, notify.sendAt());
        assertEquals(Optional.of(Duration.ofDays(2)), notify.escalateAfter());
        assertTrue(notify.makeGood().isEmpty());
    }

    @Test
    void aStuckParcelsNoticeCarriesItsMakeGoodAndTheReasonSaysSo() {
        TriageDecision.Notify notify = assertInstanceOf(TriageDecision.Notify.class,
                decide(trigger("PARCEL_STUCK", "1Z999", AFTERNOON), amelia(), AFTERNOON));

        assertEquals(Optional.of(new Playbook.MakeGood("coupon", 1000)), notify.makeGood());
        assertTrue(notify.reason().contains("make-good: coupon worth 1000 cents"), notify.reason());
    }

    @Test
    void anUnhappySurveyAnswerCallsForAnAgentAtOnce() {
        TriageDecision.Notify notify = assertInstanceOf(TriageDecision.Notify.class,
                decide(trigger("SURVEY_UNHAPPY", "resp_1", AFTERNOON), amelia(), AFTERNOON));

        assertTrue(notify.agentCall());
        assertTrue(notify.reason().contains("an agent calls the customer now"), notify.reason());
    }

    @Test
    void aRetailTriggerWaitsForTheCustomersQuietHours() {
        TriageDecision.Notify notify = assertInstanceOf(TriageDecision.Notify.class,
                decide(trigger("PARCEL_NO_SCAN", "1Z999", LATE_EVENING), amelia(), LATE_EVENING));

        assertEquals(Instant.parse("2026-06-11T07:00:00Z"), notify.sendAt());
        assertTrue(notify.reason().contains("held for the owner's quiet hours"), notify.reason());
    }

    @Test
    void aCustomerWhoOptedOutGetsNoRetailTextButAnUnhappyOneStillGetsACall() {
        TriageDecision.RecordOnly parcel = assertInstanceOf(TriageDecision.RecordOnly.class,
                decide(trigger("PARCEL_STUCK", "1Z999", AFTERNOON), Triggers.optedOut(), AFTERNOON));
        assertTrue(parcel.reason().contains("opted out"), parcel.reason());

        TriageDecision.EscalateToAgent call = assertInstanceOf(TriageDecision.EscalateToAgent.class,
                decide(trigger("SURVEY_UNHAPPY", "resp_1", AFTERNOON), Triggers.optedOut(), AFTERNOON));
        assertTrue(call.agentCall());
        assertFalse(call.teletriage(), "a teletriage credit is for a pet's health, not an unhappy customer");
    }

    @Test
    void aCustomerInTheHoldoutGroupGetsNoRetailOutreach() {
        TriagePolicy heldOut = new TriagePolicy(Triggers.allHeldOut(), POLICY.caps(), POLICY.storms());
        TriageDecision.Holdout holdout = assertInstanceOf(TriageDecision.Holdout.class, heldOut.decide(
                trigger("PAYMENT_FAILED_AGAIN", "sub_1", AFTERNOON), Optional.of(amelia()), AFTERNOON));

        assertTrue(holdout.reason().contains("holdout group"), holdout.reason());
    }

    @Test
    void serviceMessagesHaveTheirOwnDailyCap() {
        TriageDecision.RecordOnly capped = assertInstanceOf(TriageDecision.RecordOnly.class,
                decide(trigger("PARCEL_DELIVERED", "1Z999", AFTERNOON), withSent(amelia(), 3), AFTERNOON));
        assertTrue(capped.reason().contains("3 service messages in 24 h (cap 3)"), capped.reason());
    }

    @Test
    void aSecondTriggerAboutTheSameSubjectJoinsItsOpenCase() {
        TriageDecision.GroupIntoCase group = assertInstanceOf(TriageDecision.GroupIntoCase.class,
                decide(trigger("PARCEL_STUCK", "1Z999", AFTERNOON), withCase(amelia(), 9, "PARCEL_STUCK",
                        "AWAITING_OWNER"), AFTERNOON));

        assertEquals(9, group.caseId());
    }

    @Test
    void aSubjectWhoseCaseIsClosedOpensNoSecondOne() {
        TriageDecision.RecordOnly record = assertInstanceOf(TriageDecision.RecordOnly.class,
                decide(trigger("PARCEL_DELIVERED", "1Z999", AFTERNOON), withCase(amelia(), 9, "PARCEL_DELIVERED",
                        "CLOSED"), AFTERNOON));

        assertEquals(Optional.of(9L), record.caseId());
        assertTrue(record.reason().contains("one case per customer, kind, subject and episode"), record.reason());
    }

    @Test
    void aResolvedTriggerClosesItsOpenCaseWithoutAMessageEvenWhenEscalated() {
        for (String status : new String[] {"AWAITING_OWNER", "ESCALATED", "OWNER_RESPONDED"}) {
            TriageDecision.CloseCase close = assertInstanceOf(TriageDecision.CloseCase.class,
                    decide(trigger("PAYMENT_FAILED_AGAIN", "RESOLVED", "sub_1", Map.of(), AFTERNOON),
                            withCase(amelia(), 9, "PAYMENT_FAILED_AGAIN", status), AFTERNOON), status);
            assertEquals(9, close.caseId());
            assertTrue(close.script().isEmpty(), "the customer sees the payment go through themselves");
        }
    }

    @Test
    void aResolvedTriggerWithNoOpenCaseIsOnlyRecorded() {
        TriageDecision.RecordOnly record = assertInstanceOf(TriageDecision.RecordOnly.class,
                decide(trigger("PAYMENT_FAILED_AGAIN", "RESOLVED", "sub_1", Map.of(), AFTERNOON), amelia(),
                        AFTERNOON));
        assertTrue(record.reason().contains("no open case to close"), record.reason());
    }

    @Test
    void aTriggerForACustomerNobodyKnowsIsUnmatched() {
        TriageRequest orphan = new TriageRequest(trigger("PARCEL_STUCK", "1Z999", AFTERNOON).alert(),
                Optional.empty());
        TriageDecision.RecordOnly record = assertInstanceOf(TriageDecision.RecordOnly.class,
                POLICY.decide(orphan, Optional.empty(), AFTERNOON));

        assertTrue(record.unmatched());
        assertTrue(record.reason().contains("customer cus-1 of this easypost trigger is not known"), record.reason());
    }

    @Test
    void aTriggerOfAKindThePlaybookDoesNotKnowIsRecordedAgainstItsSourcesSignal() {
        AcceptedAlert a = trigger("PARCEL_STUCK", "1Z999", AFTERNOON).alert();
        TriageRequest unknown = new TriageRequest(new AcceptedAlert(a.alertId(), null, "PARCEL_RETURNED", "FIRING",
                "MEDIUM", a.episodeStart(), a.windowEnd(), a.detectedAt(), 0, "returned", Optional.empty(),
                Optional.empty(), "easypost", a.customerId(), a.subject(), Map.of()),
                trigger("PARCEL_STUCK", "1Z999", AFTERNOON).context());

        assertEquals(Signal.DELIVERY, unknown.signal());
        assertTrue(assertInstanceOf(TriageDecision.RecordOnly.class, decide(unknown, amelia(), AFTERNOON)).reason()
                .contains("no playbook rule for PARCEL_RETURNED"));
    }
}
