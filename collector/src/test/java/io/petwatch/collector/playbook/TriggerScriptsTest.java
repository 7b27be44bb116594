package io.petwatch.collector.playbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The retail triggers' scripts: what their variables read as, and what the playbook refuses to load. */
class TriggerScriptsTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final String REQUIRED = """
              feeling-better: "Glad {{pet_name}} is better"
              stop-confirmation: "Unsubscribed"
              start-confirmation: "Welcome back"
              help: "Call {{help_phone}}"
            """;

    private static Playbook load(String yaml) {
        return Playbook.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }

    private static String render(String script, Map<String, String> params, String subject, String makeGood) {
        Map<String, String> values = new HashMap<>(TriggerValues.of(params, Optional.of(subject), LONDON));
        values.put("first_name", "Amelia");
        values.put("help_phone", "0800 000 0000");
        values.put("make_good", makeGood);
        return Triggers.PLAYBOOK.script(script).render(values);
    }

    @Test
    void amountsReadAsMoneyAndInstantsAsDaysInTheCustomersZone() {
        assertEquals("£19.99", TriggerValues.money("1999", Optional.of("gbp")));
        assertEquals("€5.00", TriggerValues.money("500", Optional.of("EUR")));
        assertTrue(TriggerValues.money("1999", Optional.of("jpy")).endsWith("1999"), "yen have no minor units");
        assertEquals("£19.99", TriggerValues.money("19.99", Optional.of("gbp")), "a decimal is in major units");
        assertEquals("19.99 XTS", TriggerValues.money("1999", Optional.of("xts")));
        assertEquals("on Sunday 6 December", TriggerValues.day("2026-12-06T10:00:00Z", LONDON));
        assertEquals("on Monday 7 December", TriggerValues.day("2026-12-06T23:30:00Z", ZoneId.of("Asia/Tokyo")));
        assertEquals("next week", TriggerValues.day("next week", LONDON), "not an instant: kept as written");
    }

    @Test
    void aParamDetectionLeftOutReadsNeutrally() {
        Map<String, String> values = TriggerValues.of(Map.of("carrier", "USPS"), Optional.of("1Z999"), LONDON);

        assertEquals("USPS", values.get("carrier"));
        assertEquals("1Z999", values.get("tracking_code"), "the subject is the tracking code");
        assertEquals("in the next few days", values.get("est_delivery"));
        assertEquals("when you update your card", values.get("next_attempt"));
    }

    @Test
    void thePaymentAssistTextHasTheUpdateCardLinkAndTheRetriesLeft() {
        String text = render("payment-assist", Map.of("amount", "1999", "currency", "gbp", "retries_left", "2",
                "update_card_link", "https://invoice.stripe.com/i/abc", "next_attempt", "2026-12-06T10:00:00Z"),
                "sub_1", "");

        assertTrue(text.startsWith("Hi Amelia, it's PetWatch. Your payment of £19.99 didn't go through again"), text);
        assertTrue(text.contains("update your card here: https://invoice.stripe.com/i/abc"), text);
        assertTrue(text.contains("We'll try again on Sunday 6 December (retries left: 2)"), text);
    }

    @Test
    void theDelayNoticeNamesTheParcelAndItsMakeGood() {
        String makeGood = Triggers.PLAYBOOK.script("make-good-coupon").render(Map.of("first_name", "Amelia",
                "help_phone", "0800", "credit", "10.00"));
        String text = render("delay-notice", Map.of("carrier", "USPS", "tracking_code", "1Z999", "days_in_transit",
                "6"), "1Z999", makeGood);

        assertTrue(text.contains("Your parcel 1Z999 with USPS is taking longer than it should"), text);
        assertTrue(text.contains("we've added a £10.00 credit to your account"), text);
    }

    @Test
    void postDeliveryCareAsksWhetherEverythingArrivedOk() {
        String text = render("post-delivery-care", Map.of("carrier", "Royal Mail", "delivered_at",
                "2026-12-04T11:00:00Z"), "RM1", "");

        assertTrue(text.contains("Royal Mail says your PetWatch parcel arrived on Friday 4 December"), text);
        assertTrue(text.contains("Everything arrive OK? Reply HELP"), text);
    }

    @Test
    void noRetailTextSpeaksOfAPetOrOfVets() {
        for (String script : new String[] {"payment-assist", "delay-notice", "lost-maybe", "post-delivery-care",
                "service-recovery"}) {
            String text = render(script, Map.of(), "s-1", "we're sending a replacement.");
            assertFalse(text.contains("{{"), text);
            assertFalse(text.toLowerCase().contains("vet"), script + ": " + text);
        }
    }

    @Test
    void aRetailScriptNamingThePetIsRejectedAtLoad() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load("""
                rules:
                  - kinds: [PAYMENT_FAILED_AGAIN]
                    script: pay
                scripts:
                  pay: "Hi {{first_name}}, {{pet_name}}'s food is on hold: {{update_card_link}}"
                """ + REQUIRED));
        assertTrue(e.getMessage().contains("script 'pay' uses [pet_name], not provided for its rule's alerts"
                + " ([PAYMENT_FAILED_AGAIN])"), e.getMessage());
    }

    @Test
    void aScriptSharedByTwoTriggersMayUseOnlyWhatBothCarry() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load("""
                rules:
                  - kinds: [PARCEL_NO_SCAN, PARCEL_STUCK]
                    script: late
                scripts:
                  late: "{{tracking_code}} is {{days_in_transit}} days late"
                """ + REQUIRED));
        assertTrue(e.getMessage().contains("uses [days_in_transit]"), e.getMessage());
    }

    @Test
    void anUnknownVariableInARetailScriptStillStopsTheLoad() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load("""
                rules:
                  - kinds: [PARCEL_STUCK]
                    script: late
                scripts:
                  late: "{{tracking_number}} is late"
                """ + REQUIRED));
        assertTrue(e.getMessage().contains("uses unknown variable(s) [tracking_number]"), e.getMessage());
    }

    @Test
    void aMakeGoodNeedsItsGrantedAndPendingSentences() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load("""
                rules:
                  - kinds: [PARCEL_STUCK]
                    script: late
                    make_good: {offer: coupon, amount_cents: 500}
                scripts:
                  late: "{{tracking_code}} is late. {{make_good}}"
                  make-good-coupon: "A £{{credit}} credit is yours."
                """ + REQUIRED));
        assertTrue(e.getMessage().contains("its make-good needs the script 'make-good-coupon-pending'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> load("""
                rules:
                  - kinds: [PARCEL_STUCK]
                    script: late
                    make_good: {offer: voucher, amount_cents: 500}
                scripts:
                  late: "late"
                """ + REQUIRED), "an offer other than expedite, reship or coupon");
    }

    @Test
    void aRuleMixingACollarAndARetailSignalIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load("""
                rules:
                  - kinds: [LOW_ACTIVITY, PARCEL_STUCK]
                    script: t
                scripts:
                  t: "x"
                """ + REQUIRED));
        assertTrue(e.getMessage().contains("mix signals"), e.getMessage());
    }

    @Test
    void theShippedPlaybookHasAGentleWellnessCheckForASlowDecline() {
        Playbook.Rule drift = Triggers.PLAYBOOK.ruleFor("ACTIVITY_DRIFT", "MEDIUM").orElseThrow();

        assertEquals("wellness-check", drift.script());
        assertTrue(drift.vetTriage(), "a health message: the holdout and the health cap apply");
        assertFalse(drift.overridesQuietHours());
        assertTrue(drift.escalateAfter().orElseThrow().toDays() >= 3, "no 4 h timer on a month-long trend");
        Map<String, String> values = new HashMap<>(PlaybookTest.values());
        values.put("days", "30");
        values.put("percent", "55");
        String text = Triggers.PLAYBOOK.script("wellness-check").render(values);
        assertTrue(text.contains("over the last 30 days Biscuit has been a little less active"), text);
        assertFalse(text.contains("straight away"), "no alarm: " + text);
    }

    @Test
    void everyShippedRuleHasAnAgentGuide() {
        for (Playbook.Rule rule : Triggers.PLAYBOOK.rules()) {
            assertTrue(Triggers.PLAYBOOK.scripts().containsKey("agent-guide-" + rule.script()), rule.script());
        }
    }
}
