package io.petwatch.collector.outreach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioSignatureTest {
    // Twilio's published request-validation vector (auth token 12345).
    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final Map<String, String> PARAMS = Map.of("CallSid", "CA1234567890ABCDE", "Caller", "+14158675309",
            "Digits", "1234", "From", "+14158675309", "To", "+18005551212");
    private static final String DOCUMENTED = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

    private final TwilioSignature twilio = new TwilioSignature("12345");

    @Test
    void reproducesTwiliosDocumentedSignature() {
        assertEquals(DOCUMENTED, twilio.sign(URL, PARAMS));
        assertTrue(twilio.valid(URL, PARAMS, DOCUMENTED));
    }

    @Test
    void refusesATamperedParameterUrlOrToken() {
        Map<String, String> tampered = new HashMap<>(PARAMS);
        tampered.put("Digits", "9999");
        assertFalse(twilio.valid(URL, tampered, DOCUMENTED));
        assertFalse(twilio.valid(URL + "&x=1", PARAMS, DOCUMENTED));
        assertFalse(new TwilioSignature("54321").valid(URL, PARAMS, DOCUMENTED));
    }

    @Test
    void refusesAMissingOrGarbageSignature() {
        assertFalse(twilio.valid(URL, PARAMS, null));
        assertFalse(twilio.valid(URL, PARAMS, ""));
        assertFalse(twilio.valid(URL, PARAMS, "not base64 at all"));
    }
}
