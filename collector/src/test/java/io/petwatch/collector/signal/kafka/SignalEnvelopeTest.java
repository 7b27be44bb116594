package io.petwatch.collector.signal.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.api.BadInput;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignalEnvelopeTest {
    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static SignalEnvelope parse(String value) {
        return SignalEnvelope.parse(utf8(value));
    }

    private static String refusal(String value) {
        return assertThrows(BadInput.class, () -> parse(value)).getMessage();
    }

    @Test
    void handsOnTheEventsBytesExactlyAsProduced() {
        String event = "{ \"id\" : \"evt_1\",\n  \"data\": {\"object\": {\"amount_due\": 1999.0, \"x\": [1, {\"y\": \"\\u00e9\"}]}}}";

        SignalEnvelope envelope = parse("{\"source\": \"stripe\", \"event\": " + event + " }");

        assertEquals("stripe", envelope.source());
        assertArrayEquals(utf8(event), envelope.event());
    }

    @Test
    void cutsTheEventAtByteOffsetsWhenTextBeforeItIsMultiByte() {
        String event = "{\"id\":\"résumé-1\",\"comment\":\"très bien 🐕\"}";

        SignalEnvelope envelope = parse("{\"note\": \"ça va 🐈\", \"event\": " + event + ", \"source\": \"survey\"}");

        assertEquals("survey", envelope.source());
        assertEquals(event, new String(envelope.event(), StandardCharsets.UTF_8));
    }

    @Test
    void ignoresFieldsItDoesNotKnow() {
        SignalEnvelope envelope = parse("{\"source\":\"easypost\",\"v\":1,\"meta\":{\"a\":[1,2]},\"event\":{\"id\":\"e\"}}");

        assertEquals("{\"id\":\"e\"}", new String(envelope.event(), StandardCharsets.UTF_8));
    }

    @Test
    void refusesWhatIsNotJson() {
        assertTrue(refusal("not json at all").startsWith("record value: not JSON"));
        assertTrue(refusal("{\"source\": \"stripe\", \"event\": {\"id\": ").startsWith("record value: not JSON"));
    }

    @Test
    void refusesAnEmptyRecord() {
        assertTrue(assertThrows(BadInput.class, () -> SignalEnvelope.parse(new byte[0])).getMessage()
                .startsWith("record value: empty"));
    }

    @Test
    void refusesJsonThatIsNotAnObject() {
        assertEquals("record value: not a JSON object", refusal("[{\"source\": \"stripe\"}]"));
        assertEquals("record value: not a JSON object", refusal("\"stripe\""));
    }

    @Test
    void leavesWhetherTheSourceIsKnownToIntake() {
        assertEquals("paypal", parse("{\"source\": \"paypal\", \"event\": {\"id\": \"x\"}}").source());
    }

    @Test
    void refusesAMissingOrMistypedSource() {
        assertEquals("source: missing", refusal("{\"event\": {\"id\": \"x\"}}"));
        assertEquals("source: must be a non-empty string", refusal("{\"source\": 7, \"event\": {}}"));
        assertEquals("source: must be a non-empty string", refusal("{\"source\": \" \", \"event\": {}}"));
    }

    @Test
    void refusesAMissingEventOrOneThatIsNotAnObject() {
        assertEquals("event: missing", refusal("{\"source\": \"stripe\"}"));
        assertEquals("event: must be the source's event as a JSON object",
                refusal("{\"source\": \"stripe\", \"event\": \"{\\\"id\\\": 1}\"}"));
    }

    @Test
    void refusesAnAmbiguousEnvelope() {
        assertTrue(refusal("{\"source\": \"stripe\", \"source\": \"survey\", \"event\": {}}")
                .startsWith("record value: not JSON (Duplicate field 'source'"));
    }

    @Test
    void refusesTextAfterTheObject() {
        assertEquals("record value: text after the JSON object",
                refusal("{\"source\": \"stripe\", \"event\": {}} {\"source\": \"survey\"}"));
    }

    @Test
    void neverQuotesAControlCharacterOfTheRecordBack() {
        String reason = refusal("payment\u0007failed");

        assertTrue(reason.startsWith("record value: not JSON"), reason);
        assertTrue(reason.chars().noneMatch(Character::isISOControl), reason);
    }
}
