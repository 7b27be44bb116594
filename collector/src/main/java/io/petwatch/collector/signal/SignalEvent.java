package io.petwatch.collector.signal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * One source event, normalised: what signal_events stores besides the raw payload and the join.
 *
 * @param source     stripe, easypost, survey
 * @param eventId    the source's own id, unique per source
 * @param eventType  the source's own type (invoice.payment_failed, tracker.updated, form_response)
 * @param subject    what the event is about across events: a subscription, a tracking code, a survey response
 * @param occurredAt the source's event time
 * @param facts      the contract's normalised fields (i18-contract.md); detection reads only these
 * @param refs       how to find the customer, in order of trust: the first that names a known customer wins
 */
public record SignalEvent(String source, String eventId, String eventType, Signal signal, String subject,
                          Instant occurredAt, ObjectNode facts, List<CustomerRef> refs) {
    public SignalEvent {
        refs = List.copyOf(refs);
    }

    /**
     * A name the source gives the customer.
     *
     * @param system      'customer' for a PetWatch customer id the source carries (Stripe metadata, a survey's hidden
     *                    field), else a customer_refs system: stripe, parcel, survey
     * @param externalId  the id in that system
     * @param unknownText the unmatched reason when nobody has it, e.g. "no customer has Stripe customer cus_X"
     */
    public record CustomerRef(String system, String externalId, String unknownText) {
        /** customer_refs.system of a PetWatch customer id carried by the source itself. */
        public static final String CUSTOMER = "customer";
    }
}
