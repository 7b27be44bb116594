package io.petwatch.collector.signal.carrier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.petwatch.collector.signal.EventJson;
import io.petwatch.collector.signal.Parsed;
import io.petwatch.collector.signal.SourceParser;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * AfterShip's tracking webhook ({@code {"event": "tracking_update", "event_id": <uuid>, "ts": ..., "msg": <tracking>}})
 * as a DELIVERY signal about the tracking number, with the same facts as EasyPost's: AfterShip's tag as the
 * contract's status (InfoReceived and Pending pre_transit, InTransit, OutForDelivery, AvailableForPickup, Delivered,
 * AttemptFail failure, Exception failure or return_to_sender, Expired unknown), its subtag message as the detail,
 * the slug as the carrier, ISO-3 countries as ISO-2. Other events (edd_revise...) are not stored.
 */
@ApplicationScoped
public class AfterShipEvents implements SourceParser {
    public static final String SOURCE = "aftership";
    static final String TRACKING_UPDATE = "tracking_update";
    private static final Map<String, String> STATUS = Map.of("InfoReceived", "pre_transit", "Pending", "pre_transit",
            "InTransit", "in_transit", "OutForDelivery", "out_for_delivery", "AvailableForPickup",
            "available_for_pickup", "Delivered", "delivered", "AttemptFail", "failure", "Exception", "failure",
            "Expired", "unknown");
    /** AfterShip's subtags for a parcel on its way back to the sender. */
    private static final List<String> RETURNING = List.of("Exception_010", "Exception_011");
    private static final Map<String, String> ISO2 = new HashMap<>();

    static {
        for (String iso2 : Locale.getISOCountries()) {
            ISO2.put(new Locale("", iso2).getISO3Country(), iso2);
        }
    }

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public Parsed parse(byte[] body) {
        EventJson root = EventJson.read(body);
        String id = root.get("event_id").text();
        String event = root.get("event").text();
        if (!event.equals(TRACKING_UPDATE)) {
            return new Parsed.Ignored(id, event, "AfterShip event " + event + " is not stored; PetWatch stores "
                    + TRACKING_UPDATE);
        }
        EventJson msg = root.get("msg").object();
        String code = msg.get("tracking_number").text();
        Instant occurred = msg.get("updated_at").optionalTime().orElseGet(() -> root.get("ts").epochSeconds());
        ParcelFacts facts = new ParcelFacts(code).put("carrier", msg.get("slug").optionalText()).status(status(msg))
                .put("status_detail", msg.get("subtag_message").optionalText().or(() -> msg.get("subtag").optionalText()))
                .time("est_delivery", msg.get("expected_delivery").optionalTime().or(() -> msg
                        .get("courier_estimated_delivery_date").get("estimated_delivery_date").optionalTime()))
                .time("label_created_at", msg.get("created_at").optionalTime())
                .countries(country(msg.get("origin_country_iso3")), country(msg.get("destination_country_iso3")));
        for (EventJson scan : msg.get("checkpoints").items()) {
            facts.checkpoint(scan.get("checkpoint_time").time(), status(scan), scan.get("subtag_message").optionalText(),
                    scan.get("message").optionalText(), country(scan.get("country_iso3")));
        }
        return facts.event(SOURCE, id, event, occurred);
    }

    @Override
    public void complete(ObjectNode facts, JsonNode details) {
        ParcelDetails.complete(facts, details);
    }

    private static String status(EventJson tracking) {
        String tag = tracking.get("tag").optionalText().orElse("");
        if (tag.equals("Exception") && tracking.get("subtag").optionalText().filter(RETURNING::contains).isPresent()) {
            return "return_to_sender";
        }
        return STATUS.getOrDefault(tag, "unknown");
    }

    /** An ISO-3 country (GBR) as ISO-2 (GB); an ISO-2 one as it is. */
    private static Optional<String> country(EventJson value) {
        return value.optionalText().map(c -> c.toUpperCase(Locale.ROOT))
                .map(c -> c.length() == 3 ? ISO2.getOrDefault(c, c) : c);
    }
}
