package io.petwatch.collector.signal.carrier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.petwatch.collector.signal.EventJson;
import io.petwatch.collector.signal.Parsed;
import io.petwatch.collector.signal.Signal;
import io.petwatch.collector.signal.SignalEvent;
import io.petwatch.collector.signal.SignalEvent.CustomerRef;
import io.petwatch.collector.signal.SourceParser;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * EasyPost's Event objects ({@code {"id": "evt_...", "object": "Event", "description": "tracker.updated",
 * "updated_at": ..., "result": <Tracker>}}) as DELIVERY signals about the tracker's tracking code: its status and
 * status_detail, carrier, estimated delivery, the tracker's created_at as the label's time, origin and destination
 * countries from carrier_detail, and every tracking_details checkpoint. Other event descriptions are not stored.
 */
@ApplicationScoped
public class EasyPostEvents implements SourceParser {
    public static final String SOURCE = "easypost";
    static final String TRACKER_UPDATED = "tracker.updated";
    /** EasyPost's tracker statuses, which are the contract's; anything else is stored as unknown. */
    static final Set<String> STATUSES = Set.of("unknown", "pre_transit", "in_transit", "out_for_delivery",
            "delivered", "available_for_pickup", "return_to_sender", "failure", "cancelled", "error");

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public Parsed parse(byte[] body) {
        EventJson root = EventJson.read(body);
        String id = root.get("id").text();
        String description = root.get("description").text();
        if (!description.equals(TRACKER_UPDATED)) {
            return new Parsed.Ignored(id, description, "EasyPost event " + description + " is not stored; PetWatch"
                    + " stores " + TRACKER_UPDATED);
        }
        EventJson tracker = root.get("result").object();
        String code = tracker.get("tracking_code").text();
        Instant occurred = root.get("updated_at").optionalTime().or(() -> tracker.get("updated_at").optionalTime())
                .orElseGet(() -> root.get("created_at").time());
        ObjectNode facts = EventJson.facts();
        facts.put("tracking_code", code);
        tracker.get("carrier").optionalText().ifPresent(c -> facts.put("carrier", c));
        facts.put("status", status(tracker.get("status")));
        tracker.get("status_detail").optionalText().ifPresent(s -> facts.put("status_detail", s));
        tracker.get("est_delivery_date").optionalTime().ifPresent(t -> facts.put("est_delivery", t.toString()));
        tracker.get("created_at").optionalTime().ifPresent(t -> facts.put("label_created_at", t.toString()));
        EventJson detail = tracker.get("carrier_detail");
        Optional<String> origin = country(detail.get("origin_tracking_location"));
        Optional<String> destination = country(detail.get("destination_tracking_location"));
        origin.ifPresent(c -> facts.put("origin_country", c));
        destination.ifPresent(c -> facts.put("destination_country", c));
        if (origin.isPresent() && destination.isPresent()) {
            facts.put("international", !origin.get().equals(destination.get()));
        }
        ArrayNode checkpoints = facts.putArray("checkpoints");
        for (EventJson scan : tracker.get("tracking_details").items()) {
            ObjectNode checkpoint = checkpoints.addObject();
            checkpoint.put("at", scan.get("datetime").time().toString());
            checkpoint.put("status", status(scan.get("status")));
            scan.get("status_detail").optionalText().ifPresent(s -> checkpoint.put("status_detail", s));
            scan.get("message").optionalText().ifPresent(m -> checkpoint.put("message", m));
            country(scan.get("tracking_location")).ifPresent(c -> checkpoint.put("country", c));
        }
        return new Parsed.Stored(new SignalEvent(SOURCE, id, TRACKER_UPDATED, Signal.DELIVERY, code, occurred, facts,
                List.of(new CustomerRef("parcel", code, "no customer has parcel " + code))));
    }

    /**
     * Where the carrier does not say, the parcel's customer_refs details do: {@code label_created_at} (a label bought
     * outside EasyPost is older than its tracker), and {@code origin_country}/{@code destination_country} or
     * {@code international}; a parcel nobody says is international is domestic.
     */
    @Override
    public void complete(ObjectNode facts, JsonNode details) {
        ParcelDetails.complete(facts, details);
    }

    private static String status(EventJson value) {
        return value.optionalText().map(s -> s.toLowerCase(Locale.ROOT)).filter(STATUSES::contains)
                .orElse("unknown");
    }

    private static Optional<String> country(EventJson location) {
        return location.get("country").optionalText().map(c -> c.toUpperCase(Locale.ROOT));
    }
}
