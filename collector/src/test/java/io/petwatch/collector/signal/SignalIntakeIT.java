package io.petwatch.collector.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.api.BadInput;
import io.petwatch.collector.signal.stripe.StripeSignature;
import io.petwatch.collector.testing.Jdbc;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The seam the Kafka consumer calls: the same store-once intake as the webhooks, with the path recorded. */
@QuarkusTest
class SignalIntakeIT {
    @Inject
    SignalIntake intake;
    @Inject
    Jdbc jdbc;
    @Inject
    SignalConfig config;

    @Test
    void anEventFromKafkaIsStoredOnceAndTheSameEventByWebhookIsAlreadyStored() {
        String tag = SignalRows.tag();
        byte[] body = Samples.text(Samples.STRIPE_PAYMENT_FAILED).replace("evt_1QdemoFailed0002", "evt_k" + tag)
                .getBytes(StandardCharsets.UTF_8);

        IntakeResult first = intake.accept("stripe", body, Via.KAFKA);
        IntakeResult again = intake.accept("stripe", body, Via.KAFKA);
        String byWebhook = SignalRows.post("/webhooks/stripe", StripeSignature.HEADER, StripeSignature.header(
                config.stripe().webhookSecret(), Instant.now().getEpochSecond(), body), body)
                .then().statusCode(200).extract().jsonPath().getString("status");

        assertEquals(IntakeResult.Outcome.STORED, first.outcome());
        assertEquals(SignalRows.row(jdbc, "stripe", "evt_k" + tag).id(), first.id().orElseThrow());
        assertEquals("cus-001", first.customerId().orElseThrow(), "the demo seed's Stripe customer cus_PWdemo0001");
        assertEquals(IntakeResult.Outcome.ALREADY_STORED, again.outcome());
        assertEquals("already stored", byWebhook);
        assertEquals("KAFKA", SignalRows.row(jdbc, "stripe", "evt_k" + tag).via());
    }

    @Test
    void anUnknownSourceIsABadInputNamingTheSources() {
        BadInput bad = assertThrows(BadInput.class, () -> intake.accept("paypal", new byte[0], Via.KAFKA));

        assertTrue(bad.getMessage().contains("easypost, stripe, survey"), bad.getMessage());
    }
}
