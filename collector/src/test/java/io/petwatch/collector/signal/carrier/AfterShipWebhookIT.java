package io.petwatch.collector.signal.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.signal.Samples;
import io.petwatch.collector.signal.SignalConfig;
import io.petwatch.collector.signal.SignalRows;
import io.petwatch.collector.signal.SignalRows.Row;
import io.petwatch.collector.testing.Jdbc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** POST /webhooks/aftership against PostgreSQL: stored once, joined by the parcel; forged 401; replay stored once. */
@QuarkusTest
class AfterShipWebhookIT {
    private static final String PATH = "/webhooks/aftership";

    @Inject
    Jdbc jdbc;
    @Inject
    SignalConfig config;

    private static byte[] update(String eventId, String code) {
        return Samples.text(Samples.AFTERSHIP_TRACKING_UPDATE).replace("7a1c2e4b-9d3f-4b6a-8c2e-5f1d0b3a9e77", eventId)
                .replace("AS3000000003", code).getBytes(StandardCharsets.UTF_8);
    }

    private Response send(byte[] body) {
        return SignalRows.post(PATH, AfterShipSignature.HEADER,
                AfterShipSignature.header(config.aftership().webhookSecret().orElseThrow(), body), body);
    }

    @Test
    void storesAValidlySignedUpdateOnceJoinedThroughTheParcel() {
        String tag = SignalRows.tag();
        String code = "AS" + tag.toUpperCase();
        String customer = SignalRows.customerWithRefs(jdbc, "parcel", code);
        byte[] body = update("ev-" + tag, code);

        assertEquals("stored", send(body).then().statusCode(200).extract().jsonPath().getString("status"));
        assertEquals("already stored", send(body).then().statusCode(200).extract().jsonPath().getString("status"));

        Row row = SignalRows.row(jdbc, "aftership", "ev-" + tag);
        assertEquals("DELIVERY", row.signal());
        assertEquals(code, row.subject());
        assertEquals(Optional.of(customer), row.customerId());
        assertTrue(row.facts().contains("\"status\": \"in_transit\""), row.facts());
    }

    @Test
    void aForgedSignatureIs401AndStoresNothing() {
        String tag = SignalRows.tag();
        byte[] body = update("ev-" + tag, "AS" + tag);

        String error = SignalRows.post(PATH, AfterShipSignature.HEADER, AfterShipSignature.header("not-it", body), body)
                .then().statusCode(401).extract().jsonPath().getString("error");

        assertTrue(error.contains("aftership-hmac-sha256 does not match"), error);
        assertEquals(0, SignalRows.rows(jdbc, "aftership", "ev-" + tag).size());
    }
}
