package io.petwatch.collector.signal.survey;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.api.BadInput;
import io.petwatch.collector.signal.Parsed;
import io.petwatch.collector.signal.Samples;
import io.petwatch.collector.signal.Signal;
import io.petwatch.collector.signal.SignalEvent;
import io.petwatch.collector.signal.SignalEvent.CustomerRef;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeformResponsesTest {
    private final TypeformResponses responses = new TypeformResponses();

    private SignalEvent stored(byte[] body) {
        return assertInstanceOf(Parsed.Stored.class, responses.parse(body)).event();
    }

    @Test
    void normalisesAnUnhappyAnswerAboutAParcelThatNeverCame() {
        SignalEvent event = stored(Samples.bytes(Samples.TYPEFORM_RESPONSE));

        assertEquals("01JEDEMO7Q2W5XK3VJ8B4N6M1P", event.eventId());
        assertEquals(Signal.SURVEY, event.signal());
        assertEquals("a3f9c2e1b7d04e5f8c6a1b2d3e4f5a6b", event.subject());
        assertEquals(Instant.parse("2026-12-04T18:02:40Z"), event.occurredAt());
        assertEquals("{\"score\":3,\"scale_min\":0,\"scale_max\":10,"
                + "\"comment\":\"The parcel never came and nobody answered my emails.\","
                + "\"tracking_code\":\"EZ1000000001\",\"arrived\":false}", event.facts().toString());
        assertEquals(List.of(new CustomerRef(CustomerRef.CUSTOMER, "cus-001",
                        "no customer cus-001 (hidden field customer_id)"),
                new CustomerRef("parcel", "EZ1000000001", "no customer has parcel EZ1000000001")), event.refs());
    }

    @Test
    void findsAnswersByFieldTypeWhenTheRefsAreTheFormsOwn() {
        byte[] body = Samples.with(Samples.TYPEFORM_RESPONSE, "\"ref\": \"score\"}", "\"ref\": \"nps_q1\"}");

        assertEquals(3, stored(body).facts().get("score").asInt());
    }

    @Test
    void readsTheScaleFromTheFieldsDefinition() {
        assertArrayEquals(new long[] {1, 5}, scaleOf("\"steps\": 11, \"start_at_one\": false",
                "\"steps\": 5, \"start_at_one\": true"));
        assertArrayEquals(new long[] {0, 10}, scaleOf("\"steps\": 11, \"start_at_one\": false", ""));
    }

    private long[] scaleOf(String from, String to) {
        SignalEvent event = stored(Samples.with(Samples.TYPEFORM_RESPONSE, from, to));
        return new long[] {event.facts().get("scale_min").asLong(), event.facts().get("scale_max").asLong()};
    }

    @Test
    void aResponseWithNothingPetWatchReadsIsABadInputNamingTheAnswers() {
        String text = Samples.text(Samples.TYPEFORM_RESPONSE);
        String noAnswers = text.substring(0, text.indexOf("\"answers\": [") + 12) + "]\n  }\n}";

        BadInput bad = assertThrows(BadInput.class, () -> responses.parse(noAnswers.getBytes()));
        BadInput noToken = assertThrows(BadInput.class, () -> responses.parse(Samples.with(Samples.TYPEFORM_RESPONSE,
                "\"token\": \"a3f9c2e1b7d04e5f8c6a1b2d3e4f5a6b\",", "")));

        assertTrue(bad.getMessage().startsWith("form_response.answers: holds no score"), bad.getMessage());
        assertEquals("form_response.token: is required", noToken.getMessage());
    }

    @Test
    void anotherEventTypeIsIgnored() {
        assertInstanceOf(Parsed.Ignored.class, responses.parse(Samples.with(Samples.TYPEFORM_RESPONSE,
                "\"event_type\": \"form_response\"", "\"event_type\": \"form_response_partial\"")));
    }
}
