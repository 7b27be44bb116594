package io.petwatch.collector.signal.carrier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.petwatch.collector.signal.EventJson;
import io.petwatch.collector.signal.Parsed;
import io.petwatch.collector.signal.SourceParser;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
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
        EventJson detail = tracker.get("carrier_detail");
        ParcelFacts facts = new ParcelFacts(code).put("carrier", tracker.get("carrier").optionalText())
                .status(status(tracker.get("status")))
                .put("status_detail", tracker.get("status_detail").optionalText())
                .time("est_delivery", tracker.get("est_delivery_date").optionalTime())
                .time("label_created_at", tracker.get("created_at").optionalTime())
                .countries(country(detail.get("origin_tracking_location")),
                        country(detail.get("destination_tracking_location")));
        for (EventJson scan : tracker.get("tracking_details").items()) {
            facts.checkpoint(scan.get("datetime").time(), status(scan.get("status")),
                    scan.get("status_detail").optionalText(), scan.get("message").optionalText(),
                    country(scan.get("tracking_location")));
        }
        return facts.event(SOURCE, id, TRACKER_UPDATED, occurred);
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
