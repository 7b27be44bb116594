package io.petwatch.collector.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** How a JSON body that does not fit is explained to the client: by field, without Java class names. */
class ClientErrorsTest {
    /** A request body as the endpoints declare them. */
    record Grant(Integer amountCents, String reason) {
    }

    private static String refusal(String json) {
        return ClientErrors.describe(assertThrows(JsonProcessingException.class,
                () -> new ObjectMapper().readValue(json, Grant.class)));
    }

    @Test
    void aValueOfTheWrongTypeNamesItsField() {
        assertEquals("amountCents: has the wrong JSON type: expected a whole number up to 2147483647",
                refusal("{\"amountCents\": \"abc\", \"reason\": \"x\"}"));
        assertEquals("reason: has the wrong JSON type: expected a string", refusal("{\"reason\": [1]}"));
    }

    @Test
    void aNumberTooLargeForItsFieldIsOutOfRange() {
        assertEquals("amountCents: is out of range for a whole number up to 2147483647",
                refusal("{\"amountCents\": 99999999999999}"));
    }

    @Test
    void aBodyOfTheWrongShapeIsNamedAsTheBody() {
        assertEquals("body: has the wrong JSON type: expected an object", refusal("[1]"));
    }

    @Test
    void brokenJsonSaysWhereItBroke() {
        String refusal = refusal("{\"amountCents\": 5,");

        assertTrue(refusal.startsWith("body: is not valid JSON (line 1, column "), refusal);
    }
}
