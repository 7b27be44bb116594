package io.petwatch.collector.signal.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.petwatch.collector.signal.EventJson;
import io.petwatch.collector.signal.Parsed;
import io.petwatch.collector.signal.Signal;
import io.petwatch.collector.signal.SignalEvent;
import io.petwatch.collector.signal.SignalEvent.CustomerRef;
import io.petwatch.collector.signal.SourceParser;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Stripe's event objects ({@code {"id": "evt_...", "type": ..., "created": ..., "data": {"object": ...,
 * "previous_attributes": ...}}}) as PAYMENT signals: invoice.payment_failed, invoice.paid and
 * invoice.payment_succeeded (an invoice), customer.subscription.updated (a subscription). The subject is the
 * subscription, or the invoice when it has none. The invoice's subscription is read where either API version puts
 * it: {@code subscription} (before 2025-03-31) or {@code parent.subscription_details.subscription}.
 */
@ApplicationScoped
public class StripeEvents implements SourceParser {
    public static final String SOURCE = "stripe";
    static final Set<String> FAILED = Set.of("invoice.payment_failed");
    static final Set<String> SUCCEEDED = Set.of("invoice.paid", "invoice.payment_succeeded");
    static final String SUBSCRIPTION_UPDATED = "customer.subscription.updated";
    /** Where the retailer puts the PetWatch customer id on a Stripe customer's invoices and subscriptions. */
    static final String METADATA_KEY = "petwatch_customer_id";

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public Parsed parse(byte[] body) {
        EventJson root = EventJson.read(body);
        String id = root.get("id").text();
        String type = root.get("type").text();
        Instant created = root.get("created").epochSeconds();
        EventJson object = root.get("data").object().get("object").object();
        if (FAILED.contains(type) || SUCCEEDED.contains(type)) {
            return invoice(id, type, created, object);
        }
        if (type.equals(SUBSCRIPTION_UPDATED)) {
            return subscription(id, type, created, object, root.get("data").get("previous_attributes"));
        }
        return new Parsed.Ignored(id, type, "Stripe event type " + type + " is not stored; PetWatch stores "
                + "invoice.payment_failed, invoice.paid, invoice.payment_succeeded and " + SUBSCRIPTION_UPDATED);
    }

    private static Parsed invoice(String id, String type, Instant created, EventJson invoice) {
        String invoiceId = invoice.get("id").text();
        EventJson parentDetails = invoice.get("parent").get("subscription_details");
        Optional<String> subscription = invoice.get("subscription").optionalText()
                .or(() -> parentDetails.get("subscription").optionalText());
        Optional<String> customer = invoice.get("customer").optionalText();
        ObjectNode facts = EventJson.facts();
        facts.put("kind", FAILED.contains(type) ? "payment_failed" : "payment_succeeded");
        facts.put("invoice", invoiceId);
        subscription.ifPresent(s -> facts.put("subscription", s));
        customer.ifPresent(c -> facts.put("stripe_customer", c));
        invoice.get("attempt_count").optionalLong().ifPresent(n -> facts.put("attempt_count", n));
        invoice.get("amount_due").optionalLong().ifPresent(n -> facts.put("amount_due", n));
        invoice.get("currency").optionalText().ifPresent(c -> facts.put("currency", c));
        invoice.get("next_payment_attempt").optionalEpochSeconds()
                .ifPresent(t -> facts.put("next_payment_attempt", t.toString()));
        invoice.get("hosted_invoice_url").optionalText().ifPresent(u -> facts.put("hosted_invoice_url", u));
        Optional<String> claimed = metadata(invoice.get("metadata"))
                .or(() -> metadata(parentDetails.get("metadata")))
                .or(() -> metadata(invoice.get("subscription_details").get("metadata")));
        return new Parsed.Stored(new SignalEvent(SOURCE, id, type, Signal.PAYMENT, subscription.orElse(invoiceId),
                created, facts, refs(claimed, customer)));
    }

    private static Parsed subscription(String id, String type, Instant created, EventJson subscription,
                                       EventJson previous) {
        String subscriptionId = subscription.get("id").text();
        Optional<String> customer = subscription.get("customer").optionalText();
        ObjectNode facts = EventJson.facts();
        facts.put("kind", "subscription_status");
        facts.put("subscription", subscriptionId);
        customer.ifPresent(c -> facts.put("stripe_customer", c));
        facts.put("status", subscription.get("status").text());
        previous.get("status").optionalText().ifPresent(s -> facts.put("previous_status", s));
        return new Parsed.Stored(new SignalEvent(SOURCE, id, type, Signal.PAYMENT, subscriptionId, created, facts,
                refs(metadata(subscription.get("metadata")), customer)));
    }

    private static Optional<String> metadata(EventJson metadata) {
        return metadata.get(METADATA_KEY).optionalText();
    }

    private static List<CustomerRef> refs(Optional<String> claimed, Optional<String> customer) {
        List<CustomerRef> refs = new ArrayList<>();
        claimed.ifPresent(c -> refs.add(new CustomerRef(CustomerRef.CUSTOMER, c, "no customer " + c
                + " (metadata." + METADATA_KEY + ")")));
        customer.ifPresent(c -> refs.add(new CustomerRef("stripe", c, "no customer has Stripe customer " + c)));
        return refs;
    }
}
