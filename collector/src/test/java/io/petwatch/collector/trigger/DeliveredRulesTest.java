package io.petwatch.collector.trigger;

import io.petwatch.collector.signal.TriggerKind;
import static io.petwatch.collector.trigger.Signals.checkpoint;
import static io.petwatch.collector.trigger.Signals.days;
import static io.petwatch.collector.trigger.Signals.event;
import static io.petwatch.collector.trigger.Signals.hours;
import static io.petwatch.collector.trigger.Signals.of;
import static io.petwatch.collector.trigger.Signals.rules;
import static io.petwatch.collector.trigger.Signals.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** delivery.delivered (post-delivery care) and delivery.delivered-missing. */
class DeliveredRulesTest {
    private static final Instant LABEL = hours(0);

    private static SignalEvent moving() {
        return update("evt_1", hours(10), "in_transit", LABEL, checkpoint("in_transit", hours(10)));
    }

    private static SignalEvent delivered() {
        return update("evt_2", days(3), "delivered", LABEL, checkpoint("in_transit", hours(10)),
                checkpoint("delivered", days(3)));
    }

    /** A survey answer about TRK1; its subject is its own response id, the link is its tracking code. */
    private static SignalEvent answer(String responseId, Instant at, String arrived) {
        return event("survey", responseId, "SURVEY", responseId, at, """
                {"score": 2, "scale_min": 0, "scale_max": 10, "tracking_code": "TRK1" %s}"""
                .formatted(arrived.isEmpty() ? "" : ", \"arrived\": " + arrived));
    }

    private static List<Trigger> when(Instant now, SignalEvent... events) {
        return rules().evaluate(new History("DELIVERY", "TRK1", List.of(events)), now);
    }

    @Test
    void deliveredRaisesTheCareNudgeOnceAtItsTime() {
        List<Trigger> raised = of(TriggerKind.PARCEL_DELIVERED, when(days(4), moving(), delivered()));
        assertEquals(1, raised.size());
        Trigger t = raised.get(0);
        assertEquals("sig-PARCEL_DELIVERED-TRK1-" + hours(10).getEpochSecond(), t.alertId());
        assertEquals(days(3), t.detectedAt());
        assertEquals("LOW", t.kind().severity());
        assertEquals(Map.of("carrier", "USPS", "tracking_code", "TRK1", "delivered_at", days(3).toString()),
                t.params());
        Trigger again = of(TriggerKind.PARCEL_DELIVERED, when(days(40), moving(), delivered(),
                update("evt_3", days(5), "delivered", LABEL))).get(0);
        assertEquals(List.of(t.alertId(), t.detectedAt(), t.params(), List.of("evt_1", "evt_2")),
                List.of(again.alertId(), again.detectedAt(), again.params(),
                        again.evidence().stream().map(SignalEvent::eventId).toList()),
                "a later update repeats it: the same trigger, on the same evidence");
    }

    @Test
    void aDeliveryOnlyACheckpointTellsOfCounts() {
        SignalEvent update = update("evt_2", days(3), "unknown", LABEL, checkpoint("delivered", days(2)));
        List<Trigger> raised = of(TriggerKind.PARCEL_DELIVERED, when(days(4), moving(), update));
        assertEquals(days(2), raised.get(0).detectedAt());
    }

    @Test
    void notDeliveredNoNudge() {
        assertTrue(of(TriggerKind.PARCEL_DELIVERED, when(days(1), moving())).isEmpty());
    }

    @Test
    void aSurveySayingItDidNotArriveAfterDeliveryRaisesMissing() {
        SignalEvent answer = answer("resp_9", days(4), "false");
        List<Trigger> raised = of(TriggerKind.PARCEL_MISSING, when(days(4), moving(), delivered(), answer));
        assertEquals(1, raised.size());
        Trigger t = raised.get(0);
        assertEquals("sig-PARCEL_MISSING-TRK1-" + hours(10).getEpochSecond(), t.alertId(), "about the parcel, not the survey response");
        assertEquals(days(4), t.detectedAt(), "decided when the customer answered");
        assertEquals(days(3).toString(), t.params().get("delivered_at"));
        assertEquals(List.of("evt_1", "evt_2", "resp_9"), t.evidence().stream().map(SignalEvent::eventId).toList());
    }

    @Test
    void theSurveyArrivingBeforeTheDeliveryUpdateStillRaisesMissing() {
        List<Trigger> raised = of(TriggerKind.PARCEL_MISSING,
                when(days(5), answer("resp_9", days(4), "false"), delivered(), moving()));
        assertEquals(1, raised.size(), "stored out of order, decided in event time");
    }

    @Test
    void anAnswerBeforeTheDeliveryOrSayingItArrivedIsNotMissing() {
        List<SignalEvent> events = new ArrayList<>(List.of(moving(), delivered()));
        events.add(answer("resp_early", days(2), "false"));
        events.add(answer("resp_yes", days(4), "true"));
        events.add(answer("resp_unsaid", days(4), ""));
        assertTrue(of(TriggerKind.PARCEL_MISSING, when(days(5), events.toArray(SignalEvent[]::new))).isEmpty());
    }

    @Test
    void aSurveyAboutAnotherParcelIsNotThisOnesEvidence() {
        SignalEvent other = event("survey", "resp_x", "SURVEY", "resp_x", days(4), """
                {"score": 1, "scale_min": 0, "scale_max": 10, "tracking_code": "TRK2", "arrived": false}""");
        assertTrue(of(TriggerKind.PARCEL_MISSING, when(days(5), moving(), delivered(), other)).isEmpty());
    }

    @Test
    void onlySurveysAboutAParcelNobodyTrackedRaiseNothing() {
        assertTrue(when(days(5), answer("resp_9", days(4), "false")).isEmpty());
    }
}
