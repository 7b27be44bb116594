package io.petwatch.collector.signal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Finds the customer an event is about: the event's {@link SignalEvent.CustomerRef}s in order, a PetWatch customer
 * id by the customers table, the others by customer_refs. The first that names a known customer wins; when none
 * does, the reason lists what was tried. A parcel's customer_refs details (its label time, destination) come back
 * too, because the carrier may not say them.
 */
final class CustomerJoin {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * @param customerId the customer, when found
     * @param unmatched  why not, when not
     * @param details    customer_refs.details of the ref that matched, or of a parcel ref even when another matched;
     *                   an empty object when none
     */
    record Joined(Optional<String> customerId, Optional<String> unmatched, JsonNode details) {
    }

    private CustomerJoin() {
    }

    static Joined join(Handle h, List<SignalEvent.CustomerRef> refs) {
        Optional<String> customer = Optional.empty();
        JsonNode details = MAPPER.createObjectNode();
        List<String> tried = new ArrayList<>();
        for (SignalEvent.CustomerRef ref : refs) {
            if (ref.system().equals(SignalEvent.CustomerRef.CUSTOMER)) {
                Optional<String> found = h.select("SELECT id FROM customers WHERE id = ?", ref.externalId())
                        .mapTo(String.class).findOne();
                if (customer.isEmpty() && found.isPresent()) {
                    customer = found;
                } else if (found.isEmpty()) {
                    tried.add(ref.unknownText());
                }
                continue;
            }
            Optional<String[]> row = h.select("SELECT customer_id, details::text FROM customer_refs"
                    + " WHERE system = ? AND external_id = ?", ref.system(), ref.externalId())
                    .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).findOne();
            if (row.isEmpty()) {
                tried.add(ref.unknownText());
                continue;
            }
            if (customer.isEmpty()) {
                customer = Optional.of(row.get()[0]);
            }
            if (ref.system().equals("parcel") || details.isEmpty()) {
                details = parse(row.get()[1]);
            }
        }
        if (refs.isEmpty()) {
            tried.add("the event names no customer");
        }
        return new Joined(customer, customer.isPresent() ? Optional.empty() : Optional.of(String.join("; ", tried)),
                details);
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("customer_refs.details is not JSON: " + e.getMessage(), e);
        }
    }
}
