package io.petwatch.collector.signal.carrier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * A parcel's facts completed from what the retailer registered about it (customer_refs details of system 'parcel'):
 * {@code {"label_created_at": "2026-12-01T09:00:00Z", "origin_country": "GB", "destination_country": "FR",
 * "international": true}}, each optional.
 */
final class ParcelDetails {
    private ParcelDetails() {
    }

    static void complete(ObjectNode facts, JsonNode details) {
        JsonNode label = details.path("label_created_at");
        if (label.isTextual()) {
            try {
                facts.put("label_created_at", OffsetDateTime.parse(label.textValue()).toInstant().toString());
            } catch (DateTimeParseException e) {
                // A registered detail that is not a time is not the carrier's fault: the tracker's time stands.
            }
        }
        for (String key : new String[] {"origin_country", "destination_country"}) {
            if (!facts.has(key) && details.path(key).isTextual() && !details.path(key).textValue().isBlank()) {
                facts.put(key, details.path(key).textValue().toUpperCase(Locale.ROOT));
            }
        }
        if (facts.has("international")) {
            return;
        }
        if (facts.has("origin_country") && facts.has("destination_country")) {
            facts.put("international", !facts.get("origin_country").asText()
                    .equals(facts.get("destination_country").asText()));
        } else {
            facts.put("international", details.path("international").asBoolean(false));
        }
    }
}
