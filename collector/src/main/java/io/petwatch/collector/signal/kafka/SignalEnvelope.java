package io.petwatch.collector.signal.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.petwatch.collector.api.BadInput;
import io.petwatch.collector.api.InputText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * One record's value on the signals topic: {@code {"source": "stripe", "event": {...}}}, where event is the source's
 * event JSON exactly as its webhook would carry it. The event's bytes are cut out of the record unchanged (not
 * re-serialised), so signal_events.payload holds what the producer sent, as a webhook's holds what the source signed.
 *
 * @param source the source's name (stripe, easypost, survey)
 * @param event  the event's own JSON bytes
 */
public record SignalEnvelope(String source, byte[] event) {
    /** Two "source" or "event" fields make an envelope ambiguous: refused, not last-one-wins. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

    public SignalEnvelope {
        event = event.clone();
    }

    @Override
    public byte[] event() {
        return event.clone();
    }

    /**
     * Reads a record's value.
     *
     * @param value the record's bytes (UTF-8 JSON)
     * @throws BadInput naming what is wrong: not JSON, not an object, source missing, event missing or not an object
     *                  (whether the source is one intake knows is intake's to say)
     */
    public static SignalEnvelope parse(byte[] value) {
        if (value == null || value.length == 0) {
            throw new BadInput("record value: empty (expected {\"source\": ..., \"event\": {...}})");
        }
        try (JsonParser parser = JSON.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new BadInput("record value: not a JSON object");
            }
            Optional<String> source = Optional.empty();
            Optional<byte[]> event = Optional.empty();
            // Ends at the object's closing brace: the end of input before it is a JsonProcessingException.
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken fieldValue = parser.nextToken();
                switch (field) {
                    case "source" -> source = Optional.of(sourceOf(parser, fieldValue));
                    case "event" -> event = Optional.of(eventOf(parser, fieldValue, value));
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw new BadInput("record value: text after the JSON object");
            }
            return new SignalEnvelope(source.orElseThrow(() -> new BadInput("source", "missing")),
                    event.orElseThrow(() -> new BadInput("event", "missing")));
        } catch (JsonProcessingException e) {
            // Jackson may quote a token of the record: escaped and cut, as the reason goes to a log line and a header.
            throw new BadInput("record value: not JSON (" + InputText.printable(
                    e.getOriginalMessage().lines().findFirst().orElse(""), 160) + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sourceOf(JsonParser parser, JsonToken token) throws IOException {
        if (token != JsonToken.VALUE_STRING || parser.getText().isBlank()) {
            throw new BadInput("source", "must be a non-empty string");
        }
        return parser.getText();
    }

    /** The event object's bytes, from its opening brace to its closing one, as they are in the record. */
    private static byte[] eventOf(JsonParser parser, JsonToken token, byte[] value) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            throw new BadInput("event", "must be the source's event as a JSON object");
        }
        long start = parser.currentTokenLocation().getByteOffset();
        parser.skipChildren();
        long end = parser.currentLocation().getByteOffset();
        return Arrays.copyOfRange(value, (int) start, (int) end);
    }
}
