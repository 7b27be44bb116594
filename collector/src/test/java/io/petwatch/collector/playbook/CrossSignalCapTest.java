package io.petwatch.collector.playbook;

import static io.petwatch.collector.playbook.Triggers.AFTERNOON;
import static io.petwatch.collector.playbook.Triggers.LATE_EVENING;
import static io.petwatch.collector.playbook.Triggers.POLICY;
import static io.petwatch.collector.playbook.Triggers.amelia;
import static io.petwatch.collector.playbook.Triggers.trigger;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.customer.AlertContext;
import io.petwatch.collector.customer.Pet;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Omnichannel coordination: one customer gets at most one proactive message per cross-signal gap (an hour here),
 * whatever it is about; a second waits until the gap has passed, and its decision says why. Urgent health messages
 * do not wait.
 */
class CrossSignalCapTest {
    private static TriageDecision.Notify notify(TriageRequest request, OwnerState owner, Instant now) {
        return assertInstanceOf(TriageDecision.Notify.class, POLICY.decide(request, Optional.of(owner), now));
    }

    private static TriageRequest collar(String kind, String severity) {
        Instant start = AFTERNOON.minus(Duration.ofHours(48));
        return new TriageRequest("a-1", "collar-1", kind, "FIRING", severity, start, AFTERNOON, AFTERNOON, 0.3,
                "activity at 30%", Optional.of(new AlertContext(Triggers.AMELIA, new Pet("pet-1", "Biscuit", "dog",
                "male"))), Optional.empty());
    }

    @Test
    void aLateParcelAndAFailedCardInTheSameHourSendOneTextNow() {
        TriageDecision.Notify parcel = notify(trigger("PARCEL_STUCK", "1Z999", AFTERNOON), amelia(), AFTERNOON);
        assertEquals(AFTERNOON, parcel.sendAt(), "the first message of the hour leaves at once");

        Instant tenMinutesLater = AFTERNOON.plus(Duration.ofMinutes(10));
        TriageDecision.Notify card = notify(trigger("PAYMENT_FAILED_AGAIN", "sub_1", tenMinutesLater),
                amelia().withLastProactive(parcel.sendAt()), tenMinutesLater);

        assertEquals(AFTERNOON.plus(Duration.ofHours(1)), card.sendAt(), "the second waits for the gap");
        assertTrue(card.reason().contains("held by the cross-signal cap"), card.reason());
        assertTrue(card.reason().contains("at most one per PT1H across all signals"), card.reason());
    }

    @Test
    void aMessageAfterTheGapLeavesAtOnce() {
        Instant later = AFTERNOON.plus(Duration.ofMinutes(61));
        TriageDecision.Notify card = notify(trigger("PAYMENT_FAILED_AGAIN", "sub_1", later),
                amelia().withLastProactive(AFTERNOON), later);

        assertEquals(later, card.sendAt());
        assertFalse(card.reason().contains("cross-signal"), card.reason());
    }

    @Test
    void aGapEndingInTheOwnersQuietHoursWaitsForTheirEnd() {
        Instant justBeforeQuiet = Instant.parse("2026-06-10T20:00:00Z"); // 21:00 in London, quiet from 21:30
        TriageDecision.Notify card = notify(trigger("PAYMENT_FAILED_AGAIN", "sub_1", justBeforeQuiet),
                amelia().withLastProactive(justBeforeQuiet.minus(Duration.ofMinutes(5))), justBeforeQuiet);

        assertEquals(Instant.parse("2026-06-11T07:00:00Z"), card.sendAt(), "08:00 in London, the end of quiet hours");
        assertTrue(card.reason().contains("the end of their quiet hours then"), card.reason());
    }

    @Test
    void aMessageHeldForTheNightCountsFromWhenItLeaves() {
        Instant morning = Instant.parse("2026-06-11T07:00:00Z");
        TriageDecision.Notify card = notify(trigger("PAYMENT_FAILED_AGAIN", "sub_1", LATE_EVENING),
                amelia().withLastProactive(morning), LATE_EVENING);

        assertEquals(morning.plus(Duration.ofHours(1)), card.sendAt(),
                "a parcel notice waiting for 08:00 leaves the card's text for 09:00");
    }

    @Test
    void collarAlertsCountAndWaitLikeEveryOtherSignal() {
        TriageDecision.Notify nudge = notify(collar("BATTERY_LOW", "LOW"), amelia().withLastProactive(AFTERNOON),
                AFTERNOON.plus(Duration.ofMinutes(1)));
        assertEquals(AFTERNOON.plus(Duration.ofHours(1)), nudge.sendAt());

        TriageDecision.Notify lethargy = notify(collar("LOW_ACTIVITY", "MEDIUM"), amelia().withLastProactive(AFTERNOON),
                AFTERNOON.plus(Duration.ofMinutes(1)));
        assertEquals(AFTERNOON.plus(Duration.ofHours(1)), lethargy.sendAt());
    }

    @Test
    void anUrgentHighHealthAlertPassesTheCrossSignalCap() {
        Instant now = AFTERNOON.plus(Duration.ofMinutes(1));
        TriageDecision.Notify urgent = notify(collar("LOW_ACTIVITY", "HIGH"), amelia().withLastProactive(AFTERNOON),
                now);

        assertEquals(now, urgent.sendAt());
        assertFalse(urgent.reason().contains("cross-signal"), urgent.reason());
    }

    @Test
    void theGapIsConfigurable() {
        TriagePolicy fiveMinutes = new TriagePolicy(Triggers.PLAYBOOK, new OutreachCaps(3, 2, 3,
                Duration.ofMinutes(5)), POLICY.storms());
        Instant now = AFTERNOON.plus(Duration.ofMinutes(1));
        TriageDecision.Notify card = assertInstanceOf(TriageDecision.Notify.class, fiveMinutes.decide(
                trigger("PAYMENT_FAILED_AGAIN", "sub_1", now), Optional.of(amelia().withLastProactive(AFTERNOON)), now));

        assertEquals(AFTERNOON.plus(Duration.ofMinutes(5)), card.sendAt());
    }
}
