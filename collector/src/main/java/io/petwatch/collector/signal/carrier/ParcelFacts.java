package io.petwatch.collector.signal.carrier;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.petwatch.collector.signal.EventJson;
import io.petwatch.collector.signal.Parsed;
import io.petwatch.collector.signal.Signal;
import io.petwatch.collector.signal.SignalEvent;
import io.petwatch.collector.signal.SignalEvent.CustomerRef;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The facts of a carrier tracking update, the same whichever aggregator sent it (EasyPost, AfterShip): the tracking
 * code, carrier, status and detail, estimated delivery, the label's time, the countries (and so whether it is
 * international) and the checkpoints; then the DELIVERY event about the tracking code, joined by the parcel ref.
 */
final class ParcelFacts {
    private final String code;
    private final ObjectNode facts = EventJson.facts();

    ParcelFacts(String code) {
        this.code = code;
        facts.put("tracking_code", code);
    }

    /** The contract's status (in_transit, delivered...). */
    ParcelFacts status(String status) {
        facts.put("status", status);
        return this;
    }

    /** Sets a text fact when the carrier said it. */
    ParcelFacts put(String key, Optional<String> value) {
        value.ifPresent(v -> facts.put(key, v));
        return this;
    }

    /** Sets a time fact (ISO-8601) when the carrier said it. */
    ParcelFacts time(String key, Optional<Instant> value) {
        return put(key, value.map(Instant::toString));
    }

    /** The origin and destination countries (ISO-2); international when both are known and differ. */
    ParcelFacts countries(Optional<String> origin, Optional<String> destination) {
        put("origin_country", origin).put("destination_country", destination);
        if (origin.isPresent() && destination.isPresent()) {
            facts.put("international", !origin.get().equals(destination.get()));
        }
        return this;
    }

    /** One scan, in the carrier's order. */
    ParcelFacts checkpoint(Instant at, String status, Optional<String> detail, Optional<String> message,
                           Optional<String> country) {
        ObjectNode checkpoint = checkpoints().addObject();
        checkpoint.put("at", at.toString());
        checkpoint.put("status", status);
        detail.ifPresent(s -> checkpoint.put("status_detail", s));
        message.ifPresent(m -> checkpoint.put("message", m));
        country.ifPresent(c -> checkpoint.put("country", c));
        return this;
    }

    /** The checkpoints, last among the facts, there even when the carrier listed none. */
    private ArrayNode checkpoints() {
        return facts.has("checkpoints") ? (ArrayNode) facts.get("checkpoints") : facts.putArray("checkpoints");
    }

    /** The event to store: a DELIVERY signal about the tracking code, joined through customer_refs' parcel. */
    Parsed.Stored event(String source, String eventId, String eventType, Instant occurred) {
        checkpoints();
        return new Parsed.Stored(new SignalEvent(source, eventId, eventType, Signal.DELIVERY, code, occurred, facts,
                List.of(new CustomerRef("parcel", code, "no customer has parcel " + code))));
    }
}
