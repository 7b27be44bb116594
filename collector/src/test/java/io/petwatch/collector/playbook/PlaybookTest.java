package io.petwatch.collector.playbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlaybookTest {
    private static Playbook shipped() {
        InputStream in = PlaybookTest.class.getClassLoader().getResourceAsStream("playbook/playbook.yaml");
        return Playbook.load(in, "playbook.yaml");
    }

    private static Playbook load(String yaml) {
        return Playbook.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }

    private static final String REQUIRED = """
              feeling-better: "Glad {{pet_name}} is better"
              stop-confirmation: "Unsubscribed"
              start-confirmation: "Welcome back"
              help: "Call {{help_phone}}"
            """;

    @Test
    void theShippedPlaybookTriagesHealthAlertsAndNudgesForDeviceOnes() {
        Playbook playbook = shipped();

        Playbook.Rule high = playbook.ruleFor("LOW_ACTIVITY", "HIGH").orElseThrow();
        assertEquals(Optional.of(Duration.ofHours(4)), high.escalateAfter());
        assertTrue(high.overridesQuietHours());
        Playbook.Rule medium = playbook.ruleFor("LOW_ACTIVITY", "MEDIUM").orElseThrow();
        assertFalse(medium.overridesQuietHours());
        assertEquals("vet-triage-restless", playbook.ruleFor("RESTLESS_NIGHTS", "MEDIUM").orElseThrow().script());
        Playbook.Rule battery = playbook.ruleFor("BATTERY_LOW", "LOW").orElseThrow();
        assertFalse(battery.vetTriage());
        assertFalse(playbook.script(battery.script()).render(values()).contains("vet"), "a nudge is never vet triage");
    }

    @Test
    void theShippedScriptsRenderWarmShortTexts() {
        String text = shipped().script("vet-triage-lethargy").render(values());

        assertTrue(text.startsWith("Hi Amelia, this is PetWatch. Biscuit has been much less active"), text);
        assertTrue(text.contains("Book a vet check: https://vets.example/book?pet=p1"), text);
        assertFalse(text.contains("{{"), text);
        String incentive = shipped().script(shipped().scriptFor("vet-triage-lethargy", "incentive-first"))
                .render(values());
        assertTrue(incentive.contains("A video call with a vet nurse is free with your plan"), incentive);
    }

    @Test
    void aScriptNamingAnUnknownVariableIsRejectedAtLoad() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load("""
                rules:
                  - kinds: [LOW_ACTIVITY]
                    script: triage
                    escalate_after: PT4H
                scripts:
                  triage: "Hi {{first_name}}, {{pets_name}} seems low"
                """ + REQUIRED));
        assertTrue(e.getMessage().contains("script 'triage' uses unknown variable(s) [pets_name]"), e.getMessage());
    }

    @Test
    void aRuleWithoutItsScriptIsRejectedAtLoad() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load("""
                rules:
                  - kinds: [LOW_ACTIVITY]
                    script: missing
                scripts:
                """ + REQUIRED));
        assertTrue(e.getMessage().contains("rule 1: script 'missing' is not defined"), e.getMessage());
    }

    @Test
    void aBadEscalationDelayOrMalformedPlaceholderIsRejectedAtLoad() {
        assertThrows(IllegalArgumentException.class, () -> load("""
                rules:
                  - kinds: [LOW_ACTIVITY]
                    script: t
                    escalate_after: four hours
                scripts:
                  t: "x"
                """ + REQUIRED));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load("""
                rules:
                  - kinds: [LOW_ACTIVITY]
                    script: t
                scripts:
                  t: "Hi {{first_name}"
                """ + REQUIRED));
        assertTrue(e.getMessage().contains("malformed placeholder"), e.getMessage());
    }

    @Test
    void aRuleForAKindTheHubsNeverSendIsRejectedAtLoad() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load("""
                rules:
                  - kinds: [RESTLESSNESS]
                    script: t
                scripts:
                  t: "x"
                """ + REQUIRED));
        assertTrue(e.getMessage().contains("'RESTLESSNESS' is not an alert kind"), e.getMessage());
    }

    @Test
    void aPlaybookWithoutTheRequiredScriptsIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load("""
                rules:
                  - kinds: [LOW_ACTIVITY]
                    script: t
                scripts:
                  t: "x"
                """));
        assertTrue(e.getMessage().contains("lacks the required script 'feeling-better'"), e.getMessage());
    }

    static Map<String, String> values() {
        Map<String, String> v = new HashMap<>();
        v.put("first_name", "Amelia");
        v.put("pet_name", "Biscuit");
        v.put("possessive", "his");
        v.put("subject", "he");
        v.put("hours", "48");
        v.put("percent", "30");
        v.put("booking_link", "https://vets.example/book?pet=p1&case=1");
        v.put("help_phone", "0800 000 0000");
        v.put("species_tip", "");
        v.put("device_issue", "Biscuit's collar battery is running low");
        return v;
    }
}
