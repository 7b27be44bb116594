package io.petwatch.collector.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.api.BadInput;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormBodyTest {
    @Test
    void decodesTwilioShapedFields() {
        assertEquals(Map.of("MessageSid", "SM1", "From", "+447700900101", "Body", "yes please & thanks", "Empty", ""),
                FormBody.parse("MessageSid=SM1&From=%2B447700900101&Body=yes+please+%26+thanks&Empty="));
    }

    @Test
    void theFirstOfARepeatedFieldCounts() {
        assertEquals(Map.of("Body", "first"), FormBody.parse("Body=first&Body=second"));
    }

    @Test
    void aMalformedEscapeIsABadRequestNamingTheForm() {
        BadInput refused = assertThrows(BadInput.class, () -> FormBody.parse("From=%zz&Body=%"));

        assertTrue(refused.getMessage().startsWith("form: is not application/x-www-form-urlencoded"),
                refused.getMessage());
    }
}
