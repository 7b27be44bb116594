package io.petwatch.collector.signal.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.api.BadInput;
import io.petwatch.collector.signal.Parsed;
import io.petwatch.collector.signal.Samples;
import io.petwatch.collector.signal.Signal;
import io.petwatch.collector.signal.SignalEvent;
import io.petwatch.collector.signal.SignalEvent.CustomerRef;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StripeEventsTest {
    private final StripeEvents events = new StripeEvents();

    private SignalEvent stored(byte[] body) {
        return assertInstanceOf(Parsed.Stored.class, events.parse(body)).event();
    }

    @Test
    void normalisesAFailedInvoicePaymentAboutItsSubscription() {
        SignalEvent event = stored(Samples.bytes(Samples.STRIPE_PAYMENT_FAILED));

        assertEquals("evt_1QdemoFailed0002", event.eventId());
        assertEquals("invoice.payment_failed", event.eventType());
        assertEquals(Signal.PAYMENT, event.signal());
        assertEquals("sub_1QdemoSub0001", event.subject());
        assertEquals(Instant.ofEpochSecond(1796470200), event.occurredAt());
        assertEquals("{\"kind\":\"payment_failed\",\"invoice\":\"in_1QdemoInvoice0002\","
                + "\"subscription\":\"sub_1QdemoSub0001\",\"stripe_customer\":\"cus_PWdemo0001\",\"attempt_count\":2,"
                + "\"amount_due\":1999,\"currency\":\"gbp\",\"next_payment_attempt\":\"2026-12-07T11:30:00Z\","
                + "\"hosted_invoice_url\":\"https://invoice.stripe.com/i/acct_1Qdemo/test_YWNjdF8xUWRlbW8\"}",
                event.facts().toString());
        assertEquals(List.of(new CustomerRef("stripe", "cus_PWdemo0001", "no customer has Stripe customer cus_PWdemo0001")),
                event.refs());
    }

    @Test
    void readsTheSubscriptionWhereNewerApiVersionsPutItAndTheCustomerIdFromMetadata() {
        byte[] body = Samples.with(Samples.STRIPE_PAYMENT_FAILED, "\"subscription\": \"sub_1QdemoSub0001\",",
                "\"parent\": {\"type\": \"subscription_details\", \"subscription_details\": {\"subscription\":"
                        + " \"sub_basil\", \"metadata\": {\"petwatch_customer_id\": \"cus-002\"}}},");

        SignalEvent event = stored(body);

        assertEquals("sub_basil", event.subject());
        assertEquals(new CustomerRef(CustomerRef.CUSTOMER, "cus-002",
                "no customer cus-002 (metadata.petwatch_customer_id)"), event.refs().get(0));
        assertEquals("cus_PWdemo0001", event.refs().get(1).externalId());
    }

    @Test
    void anInvoiceWithoutSubscriptionIsAboutTheInvoice() {
        SignalEvent event = stored(Samples.with(Samples.STRIPE_PAYMENT_FAILED,
                "\"subscription\": \"sub_1QdemoSub0001\",", ""));

        assertEquals("in_1QdemoInvoice0002", event.subject());
        assertTrue(!event.facts().has("subscription"));
    }

    @Test
    void aPaidInvoiceIsAPaymentSucceeded() {
        SignalEvent event = stored(Samples.with(Samples.STRIPE_PAYMENT_FAILED, "invoice.payment_failed",
                "invoice.paid"));

        assertEquals("payment_succeeded", event.facts().get("kind").asText());
    }

    @Test
    void normalisesASubscriptionThatWentPastDue() {
        SignalEvent event = stored(Samples.bytes(Samples.STRIPE_SUBSCRIPTION_UPDATED));

        assertEquals("sub_1QdemoSub0001", event.subject());
        assertEquals("{\"kind\":\"subscription_status\",\"subscription\":\"sub_1QdemoSub0001\","
                + "\"stripe_customer\":\"cus_PWdemo0001\",\"status\":\"past_due\",\"previous_status\":\"active\"}",
                event.facts().toString());
        assertEquals(CustomerRef.CUSTOMER, event.refs().get(0).system());
        assertEquals("cus-001", event.refs().get(0).externalId());
    }

    @Test
    void anotherEventTypeIsIgnoredWithAReason() {
        Parsed parsed = events.parse(Samples.with(Samples.STRIPE_PAYMENT_FAILED, "invoice.payment_failed",
                "charge.succeeded"));

        Parsed.Ignored ignored = assertInstanceOf(Parsed.Ignored.class, parsed);
        assertEquals("evt_1QdemoFailed0002", ignored.eventId());
        assertTrue(ignored.reason().contains("charge.succeeded is not stored"), ignored.reason());
    }

    @Test
    void aMissingOrMistypedFieldIsABadInputNamingIt() {
        BadInput noInvoiceId = assertThrows(BadInput.class, () -> events.parse(Samples.with(
                Samples.STRIPE_PAYMENT_FAILED, "\"id\": \"in_1QdemoInvoice0002\",", "")));
        BadInput created = assertThrows(BadInput.class, () -> events.parse(Samples.with(
                Samples.STRIPE_PAYMENT_FAILED, "\"created\": 1796470200", "\"created\": \"yesterday\"")));
        BadInput notJson = assertThrows(BadInput.class, () -> events.parse("{\"id\": ".getBytes(
                StandardCharsets.UTF_8)));
        BadInput nul = assertThrows(BadInput.class, () -> events.parse(Samples.with(
                Samples.STRIPE_PAYMENT_FAILED, "\"currency\": \"gbp\"", "\"currency\": \"g\\u0000bp\"")));

        assertEquals("data.object.id: is required", noInvoiceId.getMessage());
        assertEquals("created: must be a whole number", created.getMessage());
        assertTrue(notJson.getMessage().startsWith("body: is not valid JSON"), notJson.getMessage());
        assertTrue(nul.getMessage().startsWith("data.object.currency: contains a control character"),
                nul.getMessage());
    }
}
