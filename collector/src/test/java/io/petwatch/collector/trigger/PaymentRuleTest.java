package io.petwatch.collector.trigger;

import io.petwatch.collector.signal.TriggerKind;
import static io.petwatch.collector.trigger.Signals.failed;
import static io.petwatch.collector.trigger.Signals.hours;
import static io.petwatch.collector.trigger.Signals.paid;
import static io.petwatch.collector.trigger.Signals.payment;
import static io.petwatch.collector.trigger.Signals.payments;
import static io.petwatch.collector.trigger.Signals.rules;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaymentRuleTest {
    private static final Instant LATER = hours(1000); // the clock does not matter to this rule

    private static List<Trigger> when(History history) {
        return rules().evaluate(history, LATER);
    }

    @Test
    void aSecondFailedPaymentRaisesAndALaterSuccessResolves() {
        SignalEvent first = failed("evt_1", hours(0), "in_1", 1);
        SignalEvent second = failed("evt_2", hours(72), "in_2", 1);
        SignalEvent success = paid("evt_3", hours(100), "in_2");

        List<Trigger> raised = when(payments(first, second));
        assertEquals(1, raised.size());
        Trigger firing = raised.get(0);
        assertEquals(TriggerKind.PAYMENT_FAILED_AGAIN, firing.kind());
        assertFalse(firing.resolved());
        assertEquals("sig-PAYMENT_FAILED_AGAIN-sub_1-" + first.occurredAt().getEpochSecond(), firing.alertId());
        assertEquals(second.occurredAt(), firing.detectedAt(), "decided at the second failure's time");
        assertEquals(first.occurredAt(), firing.windowStart());
        assertEquals(second.occurredAt(), firing.windowEnd());

        List<Trigger> resolved = when(payments(first, second, success));
        assertEquals(2, resolved.size());
        assertEquals(firing, resolved.get(0), "replaying the history raises the same trigger again (a no-op)");
        assertTrue(resolved.get(1).resolved());
        assertEquals("sig-PAYMENT_FAILED_AGAIN-sub_1-" + first.occurredAt().getEpochSecond() + "-resolved", resolved.get(1).alertId());
        assertEquals(success.occurredAt(), resolved.get(1).detectedAt());
    }

    @Test
    void oneFailedPaymentStaysQuiet() {
        assertTrue(when(payments(failed("evt_1", hours(0), "in_1", 1))).isEmpty());
    }

    @Test
    void aFailureReportingItsSecondAttemptRaisesAlone() {
        List<Trigger> raised = when(payments(failed("evt_1", hours(0), "in_1", 2)));
        assertEquals(1, raised.size(), "attempt_count 2 means a first attempt failed before, unseen here");
    }

    @Test
    void aSuccessBetweenFailuresStartsTheCountAgain() {
        assertTrue(when(payments(failed("evt_1", hours(0), "in_1", 1), paid("evt_2", hours(5), "in_1"),
                failed("evt_3", hours(700), "in_2", 1))).isEmpty());
    }

    @Test
    void eventsArrivingOutOfOrderAreDecidedInEventTime() {
        // stored in the order success, failure, failure; happened failure, success, failure
        List<Trigger> raised = when(payments(paid("evt_2", hours(5), "in_1"), failed("evt_3", hours(700), "in_2", 1),
                failed("evt_1", hours(0), "in_1", 1)));
        assertTrue(raised.isEmpty(), "the success came between the two failures: " + raised);
    }

    @Test
    void theSameAttemptReportedTwiceCountsOnce() {
        assertTrue(when(payments(failed("evt_1", hours(0), "in_1", 1), failed("evt_1b", hours(0), "in_1", 1)))
                .isEmpty(), "two event ids for one failed attempt are one failure");
        assertTrue(when(payments(failed("evt_1", hours(0), "in_1", 1), failed("evt_1", hours(0), "in_1", 1)))
                .isEmpty(), "a re-delivered event is one failure");
    }

    @Test
    void unknownKindsAndMissingFieldsAreIgnoredOrCounted() {
        SignalEvent status = payment("evt_s", hours(1), """
                {"kind": "subscription_status", "status": "past_due", "previous_status": "active"}""");
        SignalEvent nonsense = payment("evt_x", hours(2), "{\"kind\": \"refund_maybe\"}");
        SignalEvent bare = payment("evt_b", hours(3), "{\"kind\": \"payment_failed\"}");
        SignalEvent bare2 = payment("evt_c", hours(4), "{\"kind\": \"payment_failed\", \"attempt_count\": \"x\"}");

        assertTrue(when(payments(status, nonsense, bare)).isEmpty());
        List<Trigger> raised = when(payments(status, nonsense, bare, bare2));
        assertEquals(1, raised.size(), "two failures without invoice or attempt still count as two");
        assertEquals(Map.of("retries_left", 0L), raised.get(0).params(), "no next attempt known: no retries left");
    }

    @Test
    void paramsCarryWhatThePaymentAssistScriptNeeds() {
        Trigger firing = when(payments(failed("evt_1", hours(0), "in_1", 1), failed("evt_2", hours(72), "in_1", 2)))
                .get(0);
        assertEquals(Map.of("amount", 1999L, "currency", "gbp", "retries_left", 2L,
                "update_card_link", "https://invoice.stripe.com/i/in_1", "next_attempt", "2026-12-20T10:00:00Z"),
                firing.params());
        assertEquals("MEDIUM", firing.kind().severity());
        assertEquals("payment.second-failure", firing.kind().detector());
        assertTrue(firing.summary().startsWith("The payment for sub_1 failed again"), firing.summary());
    }

    @Test
    void aSecondEpisodeAfterASuccessRaisesAgain() {
        SignalEvent first = failed("evt_1", hours(0), "in_1", 1);
        SignalEvent nextMonth = failed("evt_4", hours(800), "in_2", 1);
        List<Trigger> raised = when(payments(first, failed("evt_2", hours(1), "in_1", 2),
                paid("evt_3", hours(2), "in_1"), nextMonth, failed("evt_5", hours(801), "in_2", 2)));

        assertEquals(List.of("sig-PAYMENT_FAILED_AGAIN-sub_1-" + first.occurredAt().getEpochSecond(),
                        "sig-PAYMENT_FAILED_AGAIN-sub_1-" + first.occurredAt().getEpochSecond() + "-resolved",
                        "sig-PAYMENT_FAILED_AGAIN-sub_1-" + nextMonth.occurredAt().getEpochSecond()),
                raised.stream().map(Trigger::alertId).toList(), "each episode is its own trigger");
        Trigger second = raised.get(2);
        assertFalse(second.resolved());
        assertEquals(nextMonth.occurredAt(), second.windowStart(), "the episode starts at its first failure");
        assertEquals(hours(801), second.detectedAt());
        assertEquals(List.of("evt_4", "evt_5"), second.evidence().stream().map(SignalEvent::eventId).toList(),
                "the first episode's events are not this one's evidence");
    }

    @Test
    void aSecondEpisodeIsResolvedByItsOwnSuccess() {
        SignalEvent first = failed("evt_1", hours(0), "in_1", 1);
        SignalEvent nextMonth = failed("evt_4", hours(800), "in_2", 1);
        SignalEvent recovered = paid("evt_6", hours(830), "in_2");
        List<Trigger> raised = when(payments(first, failed("evt_2", hours(1), "in_1", 2),
                paid("evt_3", hours(2), "in_1"), nextMonth, failed("evt_5", hours(801), "in_2", 2), recovered));

        assertEquals(4, raised.size(), raised.toString());
        Trigger resolution = raised.get(3);
        assertTrue(resolution.resolved());
        assertEquals(raised.get(2).firingId(), resolution.firingId(), "it resolves the second episode");
        assertEquals("sig-PAYMENT_FAILED_AGAIN-sub_1-" + nextMonth.occurredAt().getEpochSecond() + "-resolved",
                resolution.alertId());
        assertEquals(nextMonth.occurredAt(), resolution.windowStart());
        assertEquals(recovered.occurredAt(), resolution.detectedAt());
        assertEquals(raised.get(1).firingId(), "sig-PAYMENT_FAILED_AGAIN-sub_1-" + first.occurredAt()
                .getEpochSecond(), "the first episode's resolution still names the first episode");
    }

    @Test
    void aSuccessWithNothingFiringOpensNoEpisodeOfItsOwn() {
        SignalEvent second = failed("evt_3", hours(701), "in_2", 2);
        List<Trigger> raised = when(payments(failed("evt_1", hours(0), "in_1", 1), paid("evt_2", hours(5), "in_1"),
                second));
        assertEquals(List.of("sig-PAYMENT_FAILED_AGAIN-sub_1-" + second.occurredAt().getEpochSecond()),
                raised.stream().map(Trigger::alertId).toList(), "the quiet failure before the success is not in it");
    }
}
