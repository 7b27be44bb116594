package io.petwatch.collector.signal.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.signal.Samples;
import io.petwatch.collector.signal.SignalConfig;
import io.petwatch.collector.signal.SignalRows;
import io.petwatch.collector.signal.SignalRows.Row;
import io.petwatch.collector.testing.Jdbc;
import io.petwatch.collector.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * POST /webhooks/stripe against PostgreSQL: a validly signed event is stored once, joined to its customer; a forged
 * signature is 401, a replayed one outside the tolerance 400, a re-delivery of the same event 200 "already stored",
 * and none of them writes a row.
 */
@QuarkusTest
class StripeWebhookIT {
    private static final String PATH = "/webhooks/stripe";

    @Inject
    Jdbc jdbc;
    @Inject
    TestClock clock;
    @Inject
    SignalConfig config;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** The sample payment failure as a new event of a new Stripe customer. */
    private static byte[] paymentFailed(String eventId, String stripeCustomer) {
        return Samples.text(Samples.STRIPE_PAYMENT_FAILED).replace("evt_1QdemoFailed0002", eventId)
                .replace("cus_PWdemo0001", stripeCustomer).getBytes(StandardCharsets.UTF_8);
    }

    private Response send(byte[] body, long t) {
        return SignalRows.post(PATH, StripeSignature.HEADER,
                StripeSignature.header(config.stripe().webhookSecret(), t, body), body);
    }

    private Response send(byte[] body) {
        return send(body, clock.instant().getEpochSecond());
    }

    @Test
    void storesAValidlySignedPaymentFailureOnceJoinedByItsStripeCustomer() {
        String tag = SignalRows.tag();
        String customer = SignalRows.customerWithRefs(jdbc, "stripe", "cus_" + tag);
        byte[] body = paymentFailed("evt_" + tag, "cus_" + tag);

        JsonPath answer = send(body).then().statusCode(200).extract().jsonPath();

        assertEquals("stored", answer.getString("status"));
        assertEquals(customer, answer.getString("customer_id"));
        Row row = SignalRows.row(jdbc, "stripe", "evt_" + tag);
        assertEquals(answer.getLong("signal_event_id"), row.id());
        assertEquals("invoice.payment_failed", row.eventType());
        assertEquals("PAYMENT", row.signal());
        assertEquals("sub_1QdemoSub0001", row.subject());
        assertEquals(Optional.of(customer), row.customerId());
        assertEquals(Optional.empty(), row.unmatchedReason());
        assertEquals("WEBHOOK", row.via());
        // Stored for detection, which runs in the background in this profile and may already have decided it.
        assertTrue(java.util.Set.of("RECEIVED", "DETECTED").contains(row.status()), row.status());
        assertEquals(new String(body, StandardCharsets.UTF_8), row.payload());
        JsonPath facts = JsonPath.from(row.facts());
        assertEquals("payment_failed", facts.getString("kind"));
        assertEquals(2, facts.getInt("attempt_count"));
        assertEquals(1999, facts.getInt("amount_due"));
        assertEquals("2026-12-07T11:30:00Z", facts.getString("next_payment_attempt"));
        assertEquals(1, jdbc.count("SELECT count(*) FROM signal_events WHERE occurred_at = to_timestamp(1796470200)"
                + " AND event_id = ?", "evt_" + tag));
    }

    @Test
    void aRedeliveryOfTheSameEventIsAlreadyStoredAndStoredOnce() {
        String tag = SignalRows.tag();
        byte[] body = paymentFailed("evt_" + tag, "cus_" + tag);
        send(body).then().statusCode(200);

        JsonPath again = send(body).then().statusCode(200).extract().jsonPath();

        assertEquals("already stored", again.getString("status"));
        assertEquals(1, SignalRows.rows(jdbc, "stripe", "evt_" + tag).size());
    }

    @Test
    void aForgedSignatureIs401WithTheReasonAndStoresNothing() {
        String tag = SignalRows.tag();
        byte[] body = paymentFailed("evt_" + tag, "cus_" + tag);

        String forged = SignalRows.post(PATH, StripeSignature.HEADER, StripeSignature.header(
                "whsec_not_the_endpoint_secret", clock.instant().getEpochSecond(), body), body)
                .then().statusCode(401).extract().jsonPath().getString("error");
        String unsigned = SignalRows.post(PATH, StripeSignature.HEADER, null, body)
                .then().statusCode(401).extract().jsonPath().getString("error");

        assertTrue(forged.contains("no v1 signature"), forged);
        assertTrue(unsigned.contains("no Stripe-Signature header"), unsigned);
        assertEquals(0, SignalRows.rows(jdbc, "stripe", "evt_" + tag).size());
    }

    @Test
    void aGenuineSignatureReplayedAfterTheToleranceIs400AndStoresNothing() {
        String tag = SignalRows.tag();
        byte[] body = paymentFailed("evt_" + tag, "cus_" + tag);
        long signedAt = clock.instant().getEpochSecond();
        clock.set(clock.instant().plus(config.stripe().tolerance()).plusSeconds(60));

        String error = send(body, signedAt).then().statusCode(400).extract().jsonPath().getString("error");

        assertTrue(error.contains("tolerance of 300 s"), error);
        assertEquals(0, SignalRows.rows(jdbc, "stripe", "evt_" + tag).size());
    }

    @Test
    void anUnknownCustomerIsStoredWithTheReason() {
        String tag = SignalRows.tag();

        JsonPath answer = send(paymentFailed("evt_" + tag, "cus_nobody" + tag)).then().statusCode(200)
                .extract().jsonPath();

        Row row = SignalRows.row(jdbc, "stripe", "evt_" + tag);
        assertEquals(Optional.empty(), row.customerId());
        assertEquals(Optional.of("no customer has Stripe customer cus_nobody" + tag), row.unmatchedReason());
        assertEquals(row.unmatchedReason().get(), answer.getString("unmatched_reason"));
    }

    @Test
    void theCustomerIdInTheSubscriptionsMetadataJoinsWithoutARef() {
        String tag = SignalRows.tag();
        String customer = SignalRows.customerWithRefs(jdbc);
        byte[] body = Samples.text(Samples.STRIPE_SUBSCRIPTION_UPDATED).replace("evt_1QdemoSubUpdated01", "evt_" + tag)
                .replace("\"cus-001\"", "\"" + customer + "\"").getBytes(StandardCharsets.UTF_8);

        send(body).then().statusCode(200);

        Row row = SignalRows.row(jdbc, "stripe", "evt_" + tag);
        assertEquals(Optional.of(customer), row.customerId());
        assertEquals("past_due", JsonPath.from(row.facts()).getString("status"));
        assertEquals("active", JsonPath.from(row.facts()).getString("previous_status"));
    }

    @Test
    void aSignedBodyThatIsNotAStripeEventIs400NamingTheFieldAndStoresNothing() {
        String tag = SignalRows.tag();
        byte[] noCustomerObject = Samples.text(Samples.STRIPE_PAYMENT_FAILED).replace("evt_1QdemoFailed0002",
                "evt_" + tag).replace("\"created\": 1796470200", "\"created\": \"today\"")
                .getBytes(StandardCharsets.UTF_8);

        String error = send(noCustomerObject).then().statusCode(400).extract().jsonPath().getString("error");
        String notJson = send("{\"id\": \"evt_".getBytes(StandardCharsets.UTF_8)).then().statusCode(400)
                .extract().jsonPath().getString("error");

        assertEquals("created: must be a whole number", error);
        assertTrue(notJson.startsWith("body: is not valid JSON"), notJson);
        assertEquals(0, SignalRows.rows(jdbc, "stripe", "evt_" + tag).size());
    }

    @Test
    void anEventTypePetWatchDoesNotUseIsAcknowledgedAndNotStored() {
        String tag = SignalRows.tag();
        byte[] body = Samples.text(Samples.STRIPE_PAYMENT_FAILED).replace("evt_1QdemoFailed0002", "evt_" + tag)
                .replace("invoice.payment_failed", "invoice.created").getBytes(StandardCharsets.UTF_8);

        JsonPath answer = send(body).then().statusCode(200).extract().jsonPath();

        assertEquals("ignored", answer.getString("status"));
        assertTrue(answer.getString("reason").contains("invoice.created is not stored"), answer.getString("reason"));
        assertEquals(0, SignalRows.rows(jdbc, "stripe", "evt_" + tag).size());
    }

    @Test
    void aBodyOverTheApisLimitIs413() {
        byte[] huge = new byte[10240 * 1024 + 1];
        java.util.Arrays.fill(huge, (byte) ' ');

        String error = send(huge).then().statusCode(413).extract().jsonPath().getString("error");

        assertTrue(error.contains("max-body-size"), error);
    }
}
