package io.petwatch.collector.signal.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.petwatch.collector.api.BadInput;
import io.petwatch.collector.signal.Parsed;
import io.petwatch.collector.signal.Samples;
import io.petwatch.collector.signal.Signal;
import io.petwatch.collector.signal.SignalEvent;
import io.petwatch.collector.signal.SignalEvent.CustomerRef;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EasyPostEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EasyPostEvents events = new EasyPostEvents();

    private SignalEvent stored(byte[] body) {
        return assertInstanceOf(Parsed.Stored.class, events.parse(body)).event();
    }

    @Test
    void normalisesATrackerUpdateAboutItsTrackingCode() {
        SignalEvent event = stored(Samples.bytes(Samples.EASYPOST_TRACKER_UPDATED));

        assertEquals("evt_3f6c1a2b9d8e4f7a", event.eventId());
        assertEquals(Signal.DELIVERY, event.signal());
        assertEquals("EZ2000000002", event.subject());
        assertEquals(Instant.parse("2026-12-02T09:15:04Z"), event.occurredAt());
        assertEquals("{\"tracking_code\":\"EZ2000000002\",\"carrier\":\"RoyalMail\",\"status\":\"in_transit\","
                + "\"status_detail\":\"arrived_at_facility\",\"est_delivery\":\"2026-12-05T17:00:00Z\","
                + "\"label_created_at\":\"2026-12-01T08:00:00Z\",\"origin_country\":\"GB\","
                + "\"destination_country\":\"FR\",\"international\":true,\"checkpoints\":["
                + "{\"at\":\"2026-12-01T16:40:00Z\",\"status\":\"pre_transit\",\"status_detail\":\"status_update\","
                + "\"message\":\"Item received at the Post Office\",\"country\":\"GB\"},"
                + "{\"at\":\"2026-12-02T09:10:00Z\",\"status\":\"in_transit\",\"status_detail\":\"arrived_at_facility\","
                + "\"message\":\"Arrived at the international hub\",\"country\":\"GB\"}]}", event.facts().toString());
        assertEquals(List.of(new CustomerRef("parcel", "EZ2000000002", "no customer has parcel EZ2000000002")),
                event.refs());
    }

    @Test
    void aStatusEasyPostMayAddLaterIsStoredAsUnknownAndTimesWithOffsetsInUtc() {
        SignalEvent newStatus = stored(Samples.with(Samples.EASYPOST_TRACKER_UPDATED,
                "\"status\": \"in_transit\",\n    \"status_detail\"",
                "\"status\": \"held_by_customs\",\n    \"status_detail\""));
        SignalEvent offset = stored(Samples.with(Samples.EASYPOST_TRACKER_UPDATED,
                "\"datetime\": \"2026-12-01T16:40:00Z\"", "\"datetime\": \"2026-12-01T11:40:00-05:00\""));

        assertEquals("unknown", newStatus.facts().get("status").asText());
        assertEquals("2026-12-01T16:40:00Z", offset.facts().get("checkpoints").get(0).get("at").asText());
    }

    @Test
    void withoutCarrierCountriesTheParcelsRegisteredDetailsDecideAndOtherwiseItIsDomestic() throws Exception {
        byte[] body = Samples.with(Samples.EASYPOST_TRACKER_UPDATED, "\"country\": \"FR\"", "\"country\": null");
        SignalEvent registered = stored(body);
        SignalEvent unregistered = stored(body);

        events.complete(registered.facts(), JSON.readTree("{\"destination_country\": \"de\","
                + " \"label_created_at\": \"2026-11-30T10:00:00+01:00\"}"));
        events.complete(unregistered.facts(), JSON.createObjectNode());

        ObjectNode facts = registered.facts();
        assertEquals("DE", facts.get("destination_country").asText());
        assertTrue(facts.get("international").asBoolean());
        assertEquals("2026-11-30T09:00:00Z", facts.get("label_created_at").asText());
        assertEquals(false, unregistered.facts().get("international").asBoolean());
        assertTrue(!unregistered.facts().has("destination_country"));
    }

    @Test
    void theCarriersCountriesWinOverRegisteredDetails() throws Exception {
        SignalEvent event = stored(Samples.bytes(Samples.EASYPOST_TRACKER_UPDATED));

        events.complete(event.facts(), JSON.readTree("{\"international\": false, \"destination_country\": \"GB\"}"));

        assertEquals("FR", event.facts().get("destination_country").asText());
        assertTrue(event.facts().get("international").asBoolean());
    }

    @Test
    void anotherEventIsIgnoredAndAMissingFieldIsNamed() {
        Parsed ignored = events.parse(Samples.with(Samples.EASYPOST_TRACKER_UPDATED, "\"tracker.updated\"",
                "\"batch.updated\""));
        BadInput noCode = assertThrows(BadInput.class, () -> events.parse(Samples.with(
                Samples.EASYPOST_TRACKER_UPDATED, "\"tracking_code\": \"EZ2000000002\",", "")));
        BadInput badTime = assertThrows(BadInput.class, () -> events.parse(Samples.with(
                Samples.EASYPOST_TRACKER_UPDATED, "\"datetime\": \"2026-12-02T09:10:00Z\"", "\"datetime\": \"Tuesday\"")));

        assertInstanceOf(Parsed.Ignored.class, ignored);
        assertEquals("result.tracking_code: is required", noCode.getMessage());
        assertTrue(badTime.getMessage().startsWith("result.tracking_details[1].datetime: must be an ISO-8601 time"),
                badTime.getMessage());
    }
}
