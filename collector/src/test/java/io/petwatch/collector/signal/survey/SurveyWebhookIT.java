package io.petwatch.collector.signal.survey;

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
 * POST /webhooks/survey against PostgreSQL: a Typeform form_response signed with Typeform-Signature is stored once
 * as a SURVEY about the response, joined by its hidden customer_id; a forged signature is 401, a replay of the same
 * event 200 "already stored".
 */
@QuarkusTest
class SurveyWebhookIT {
    private static final String PATH = "/webhooks/survey";

    @Inject
    Jdbc jdbc;
    @Inject
    SignalConfig config;

    private static byte[] response(String eventId, String customer) {
        return Samples.text(Samples.TYPEFORM_RESPONSE).replace("01JEDEMO7Q2W5XK3VJ8B4N6M1P", eventId)
                .replace("a3f9c2e1b7d04e5f8c6a1b2d3e4f5a6b", "tok" + eventId)
                .replace("\"customer_id\": \"cus-001\"", "\"customer_id\": \"" + customer + "\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    private Response send(byte[] body) {
        return SignalRows.post(PATH, TypeformSignature.HEADER,
                TypeformSignature.header(config.survey().webhookSecret(), body), body);
    }

    @Test
    void storesAValidlySignedAnswerJoinedByTheHiddenCustomerId() {
        String tag = SignalRows.tag();
        String customer = SignalRows.customerWithRefs(jdbc);

        JsonPath answer = send(response("ev" + tag, customer)).then().statusCode(200).extract().jsonPath();

        assertEquals("stored", answer.getString("status"));
        Row row = SignalRows.row(jdbc, "survey", "ev" + tag);
        assertEquals("form_response", row.eventType());
        assertEquals("SURVEY", row.signal());
        assertEquals("tokev" + tag, row.subject());
        assertEquals(Optional.of(customer), row.customerId());
        // Stored for detection, which runs in the background in this profile and may already have decided it.
        assertTrue(java.util.Set.of("RECEIVED", "DETECTED").contains(row.status()), row.status());
        assertEquals(1, jdbc.count("SELECT count(*) FROM signal_events WHERE id = ?"
                + " AND occurred_at = '2026-12-04T18:02:40Z'::timestamptz", row.id()));
        JsonPath facts = JsonPath.from(row.facts());
        assertEquals(3, facts.getInt("score"));
        assertEquals(0, facts.getInt("scale_min"));
        assertEquals(10, facts.getInt("scale_max"));
        assertEquals("The parcel never came and nobody answered my emails.", facts.getString("comment"));
        assertEquals("EZ1000000001", facts.getString("tracking_code"));
        assertEquals(false, facts.getBoolean("arrived"));
    }

    @Test
    void anUnknownCustomerIdFallsBackToTheParcelAndOtherwiseIsStoredWithTheReason() {
        String tag = SignalRows.tag();
        String byParcel = SignalRows.customerWithRefs(jdbc, "parcel", "EZP" + tag);
        byte[] parcelKnown = new String(response("ev" + tag, "cus-nobody"), StandardCharsets.UTF_8)
                .replace("EZ1000000001", "EZP" + tag).getBytes(StandardCharsets.UTF_8);
        byte[] nobody = new String(response("ew" + tag, "cus-nobody"), StandardCharsets.UTF_8)
                .replace("EZ1000000001", "EZQ" + tag).getBytes(StandardCharsets.UTF_8);

        send(parcelKnown).then().statusCode(200);
        send(nobody).then().statusCode(200);

        assertEquals(Optional.of(byParcel), SignalRows.row(jdbc, "survey", "ev" + tag).customerId());
        Row unmatched = SignalRows.row(jdbc, "survey", "ew" + tag);
        assertEquals(Optional.empty(), unmatched.customerId());
        assertEquals(Optional.of("no customer cus-nobody (hidden field customer_id); no customer has parcel EZQ"
                + tag), unmatched.unmatchedReason());
    }

    @Test
    void aReplayOfTheSameEventIsAlreadyStoredAndStoredOnce() {
        String tag = SignalRows.tag();
        byte[] body = response("ev" + tag, "cus-001");
        send(body).then().statusCode(200);

        assertEquals("already stored", send(body).then().statusCode(200).extract().jsonPath().getString("status"));
        assertEquals(1, SignalRows.rows(jdbc, "survey", "ev" + tag).size());
    }

    @Test
    void aForgedSignatureIs401WithTheReasonAndStoresNothing() {
        String tag = SignalRows.tag();
        byte[] body = response("ev" + tag, "cus-001");

        String error = SignalRows.post(PATH, TypeformSignature.HEADER,
                TypeformSignature.header("not-the-typeform-secret", body), body)
                .then().statusCode(401).extract().jsonPath().getString("error");

        assertTrue(error.contains("Typeform-Signature does not match"), error);
        assertEquals(0, SignalRows.rows(jdbc, "survey", "ev" + tag).size());
    }

    @Test
    void aSignedAnswerWithAMistypedScoreIs400NamingItAndStoresNothing() {
        String tag = SignalRows.tag();
        byte[] body = new String(response("ev" + tag, "cus-001"), StandardCharsets.UTF_8)
                .replace("\"number\": 3", "\"number\": \"three\"").getBytes(StandardCharsets.UTF_8);

        String error = send(body).then().statusCode(400).extract().jsonPath().getString("error");

        assertEquals("form_response.answers[0].number: must be a number", error);
        assertEquals(0, SignalRows.rows(jdbc, "survey", "ev" + tag).size());
    }
}
