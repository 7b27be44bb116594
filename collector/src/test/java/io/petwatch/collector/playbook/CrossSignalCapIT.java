package io.petwatch.collector.playbook;

import static io.petwatch.collector.testing.PlaybookScenario.alert;
import static io.petwatch.collector.testing.PlaybookScenario.upload;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.testing.Households;
import io.petwatch.collector.testing.Households.Household;
import io.petwatch.collector.testing.Jdbc;
import io.petwatch.collector.testing.Staff;
import io.petwatch.collector.testing.TriggerScenario;
import io.petwatch.collector.testing.TriggerScenario.Customer;
import io.petwatch.proto.v1.AlertKind;
import io.petwatch.proto.v1.AlertState;
import io.petwatch.proto.v1.Severity;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Omnichannel coordination on the running collector, at the default cross-signal gap (1 h; the other ITs run
 * without it): one proactive message per customer per hour across every signal, collar alerts included; a second
 * waits in the outbox (send_after) and its case says why; an urgent HIGH health alert does not wait.
 */
@QuarkusTest
@TestProfile(CrossSignalCapIT.OneHourGap.class)
class CrossSignalCapIT {
    /** The cap as shipped. */
    public static class OneHourGap implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("petwatch.caps.cross-signal-gap", "PT1H");
        }
    }

    @BeforeAll
    static void signIn() {
        Staff.signInAsTester();
    }

    @Inject
    TriggerScenario given;
    @Inject
    Households households;
    @Inject
    Jdbc jdbc;

    @Test
    void aLateParcelAndAFailedCardInTheSameHourMakeOneTextNowAndOneAnHourLater() {
        Customer robin = given.customer();
        given.raise(robin, "PARCEL_STUCK", "1ZGAP" + robin.id(), Map.of("carrier", "DHL"));
        given.raise(robin, "PAYMENT_FAILED_AGAIN", "sub_gap" + robin.id(), Map.of("amount", 1999));
        long parcel = given.caseOf(robin, "PARCEL_STUCK", "1ZGAP" + robin.id()).id();
        TriggerScenario.Case card = given.caseOf(robin, "PAYMENT_FAILED_AGAIN", "sub_gap" + robin.id());

        await().atMost(Duration.ofSeconds(20)).until(() -> given.textsTo(robin.phone()).size() == 1);
        assertEquals("delay-notice", given.textsTo(robin.phone()).get(0).template());
        TriggerScenario.Message held = given.messages(card.id()).get(0);
        assertEquals("QUEUED", held.status(), "the card's text waits");
        assertTrue(card.decision().contains("held by the cross-signal cap"), card.decision());
        Instant first = given.messages(parcel).get(0).sendAfter();
        assertTrue(!held.sendAfter().isBefore(first.plus(Duration.ofHours(1))), first + " then " + held.sendAfter());
        assertTrue(held.sendAfter().isBefore(first.plus(Duration.ofMinutes(65))), first + " then " + held.sendAfter());
    }

    @Test
    void aCollarNudgeWaitsAfterAParcelNoticeButAnUrgentLethargyAlertDoesNot() {
        Household h = households.create("Bramble", Optional.empty());
        Customer owner = new Customer(h.customerId(), h.phone());
        given.raise(owner, "PARCEL_DELIVERED", "1ZCAP" + h.customerId(), Map.of("carrier", "DPD"));
        await().atMost(Duration.ofSeconds(20)).until(() -> given.textsTo(h.phone()).size() == 1);

        upload("hub-demo", "demo-hub-token", alert("hub-demo", h.collarId(), AlertState.FIRING, Severity.LOW,
                AlertKind.BATTERY_LOW));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.count("SELECT count(*) FROM messages"
                + " WHERE customer_id = ? AND template = 'device-nudge'", h.customerId()) == 1);
        assertEquals("QUEUED", jdbc.first("SELECT status FROM messages WHERE customer_id = ? AND template ="
                + " 'device-nudge'", rs -> rs.getString(1), h.customerId()).orElseThrow(), "the nudge waits");

        upload("hub-demo", "demo-hub-token", alert("hub-demo", h.collarId(), AlertState.FIRING, Severity.HIGH,
                AlertKind.RESTLESS_NIGHTS));
        await().atMost(Duration.ofSeconds(20)).until(() -> given.textsTo(h.phone()).stream()
                .anyMatch(m -> m.template().startsWith("vet-triage-restless")));
        assertEquals(2, given.textsTo(h.phone()).size(), "the parcel's text and the urgent one; the nudge waits");
    }
}
