package io.petwatch.collector.signal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.petwatch.collector.api.BadInput;

/** Reads one source's event bytes (already authenticated) into a {@link Parsed}. Plain Java, no container needed. */
public interface SourceParser {
    /** The source name events are stored under: stripe, easypost, survey. */
    String source();

    /**
     * @throws BadInput naming the field when the bytes are not JSON or lack a field the event needs
     */
    Parsed parse(byte[] body);

    /**
     * Completes the facts with what the retailer registered about the subject (customer_refs.details) where the
     * source does not say it; by default nothing.
     */
    default void complete(ObjectNode facts, JsonNode refDetails) {
    }
}
