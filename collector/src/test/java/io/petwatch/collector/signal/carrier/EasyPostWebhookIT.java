package io.petwatch.collector.signal.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.signal.Samples;
import io.petwatch.collector.signal.SignalConfig;
import io.petwatch.collector.signal.SignalRows;
import io.petwatch.collector.signal.SignalRows.Row;
import io.petwatch.collector.testing.Jdbc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * POST /webhooks/easypost against PostgreSQL: a tracker.updated signed with X-Hmac-Signature is stored once as a
 * DELIVERY about its tracking code, joined through the parcel's customer_refs (whose details complete what the
 * carrier does not say); a forged signature is 401, a replay of the same event 200 "already stored".
 */
@QuarkusTest
class EasyPostWebhookIT {
    private static final String PATH = "/webhooks/easypost";

    @Inject
    Jdbc jdbc;
    @Inject
    SignalConfig config;

    private static byte[] trackerUpdated(String eventId, String code) {
        return Samples.text(Samples.EASYPOST_TRACKER_UPDATED).replace("evt_3f6c1a2b9d8e4f7a", eventId)
                .replace("EZ2000000002", code).getBytes(StandardCharsets.UTF_8);
    }

    private Response send(byte[] body) {
        return SignalRows.post(PATH, EasyPostSignature.HEADER,
                EasyPostSignature.header(config.easypost().webhookSecret(), body), body);
    }

    @Test
    void storesAValidlySignedTrackerUpdateJoinedThroughTheParcel() {
        String tag = SignalRows.tag();
        String code = "EZ" + tag.toUpperCase();
        String customer = SignalRows.customerWithRefs(jdbc, "parcel", code);

        JsonPath answer = send(trackerUpdated("evt_" + tag, code)).then().statusCode(200).extract().jsonPath();

        assertEquals("stored", answer.getString("status"));
        Row row = SignalRows.row(jdbc, "easypost", "evt_" + tag);
        assertEquals("tracker.updated", row.eventType());
        assertEquals("DELIVERY", row.signal());
        assertEquals(code, row.subject());
        assertEquals(Optional.of(customer), row.customerId());
        // Stored for detection, which runs in the background in this profile and may already have decided it.
        assertTrue(java.util.Set.of("RECEIVED", "DETECTED").contains(row.status()), row.status());
        assertEquals(1, jdbc.count("SELECT count(*) FROM signal_events WHERE id = ?"
                + " AND occurred_at = '2026-12-02T09:15:04Z'::timestamptz", row.id()));
        JsonPath facts = JsonPath.from(row.facts());
        assertEquals("in_transit", facts.getString("status"));
        assertEquals("RoyalMail", facts.getString("carrier"));
        assertEquals("2026-12-01T08:00:00Z", facts.getString("label_created_at"));
        assertEquals(true, facts.getBoolean("international"));
        assertEquals(2, facts.getList("checkpoints").size());
        assertEquals("2026-12-02T09:10:00Z", facts.getString("checkpoints[1].at"));
    }

    @Test
    void theParcelsRegisteredLabelTimeAndDestinationCompleteWhatTheCarrierDoesNotSay() {
        String tag = SignalRows.tag();
        String code = "EZ" + tag.toUpperCase();
        SignalRows.customerWithRefs(jdbc, "parcel", code);
        jdbc.update("UPDATE customer_refs SET details = '{\"label_created_at\": \"2026-11-28T12:00:00Z\","
                + " \"destination_country\": \"GB\"}' WHERE system = 'parcel' AND external_id = ?", code);
        byte[] body = new String(trackerUpdated("evt_" + tag, code), StandardCharsets.UTF_8)
                .replace("\"country\": \"FR\"", "\"country\": null").getBytes(StandardCharsets.UTF_8);

        send(body).then().statusCode(200);

        JsonPath facts = JsonPath.from(SignalRows.row(jdbc, "easypost", "evt_" + tag).facts());
        assertEquals("2026-11-28T12:00:00Z", facts.getString("label_created_at"));
        assertEquals("GB", facts.getString("destination_country"));
        assertEquals(false, facts.getBoolean("international"));
    }

    @Test
    void aReplayOfTheSameEventIsAlreadyStoredAndStoredOnce() {
        String tag = SignalRows.tag();
        byte[] body = trackerUpdated("evt_" + tag, "EZ" + tag);
        send(body).then().statusCode(200);

        assertEquals("already stored", send(body).then().statusCode(200).extract().jsonPath().getString("status"));
        assertEquals(1, SignalRows.rows(jdbc, "easypost", "evt_" + tag).size());
    }

    @Test
    void aForgedSignatureIs401WithTheReasonAndStoresNothing() {
        String tag = SignalRows.tag();
        byte[] body = trackerUpdated("evt_" + tag, "EZ" + tag);

        String error = SignalRows.post(PATH, EasyPostSignature.HEADER,
                EasyPostSignature.header("not-the-webhook-secret", body), body)
                .then().statusCode(401).extract().jsonPath().getString("error");

        assertTrue(error.contains("X-Hmac-Signature does not match"), error);
        assertEquals(0, SignalRows.rows(jdbc, "easypost", "evt_" + tag).size());
    }

    @Test
    void anUnknownParcelIsStoredWithTheReason() {
        String tag = SignalRows.tag();

        send(trackerUpdated("evt_" + tag, "EZNOBODY" + tag)).then().statusCode(200);

        Row row = SignalRows.row(jdbc, "easypost", "evt_" + tag);
        assertEquals(Optional.empty(), row.customerId());
        assertEquals(Optional.of("no customer has parcel EZNOBODY" + tag), row.unmatchedReason());
    }

    @Test
    void aSignedUpdateWithoutATrackingCodeIs400NamingItAndStoresNothing() {
        String tag = SignalRows.tag();
        byte[] body = new String(trackerUpdated("evt_" + tag, "EZ" + tag), StandardCharsets.UTF_8)
                .replace("\"tracking_code\": \"EZ" + tag + "\",", "").getBytes(StandardCharsets.UTF_8);

        String error = send(body).then().statusCode(400).extract().jsonPath().getString("error");

        assertEquals("result.tracking_code: is required", error);
        assertEquals(0, SignalRows.rows(jdbc, "easypost", "evt_" + tag).size());
    }
}
