package io.petwatch.collector.customer;

import java.util.List;
import java.util.Optional;

/** The shape of a seed file: hubs, and customers with their pets and collars. */
public record SeedData(List<SeedHub> hubs, List<SeedCustomer> customers) {

    public SeedData {
        hubs = hubs == null ? List.of() : List.copyOf(hubs);
        customers = customers == null ? List.of() : List.copyOf(customers);
    }

    public record SeedHub(String id, String token, Optional<String> customerId, boolean revoked) {
    }

    /**
     * A customer; {@code timeZone} defaults to UTC, {@code quietHours} (like "21:30-08:00") to none; {@code refs} are
     * how the retailer's other systems name them (customer_refs: a Stripe customer, a parcel's tracking code).
     */
    public record SeedCustomer(String id, String firstName, String lastName, String phone, String email,
                               String timeZone, String quietHours, List<SeedPet> pets, List<SeedRef> refs) {
        public SeedCustomer {
            pets = pets == null ? List.of() : List.copyOf(pets);
            refs = refs == null ? List.of() : List.copyOf(refs);
            timeZone = timeZone == null ? "UTC" : java.time.ZoneId.of(timeZone).getId();
            if (quietHours != null) {
                QuietHours.parse(quietHours);
            }
        }
    }

    /** A customer_refs row: system stripe, parcel or survey, the id there, and details (a parcel's label time). */
    public record SeedRef(String system, String externalId, com.fasterxml.jackson.databind.JsonNode details) {
    }

    public record SeedPet(String id, String name, String species, String breed, String sex, String collar, String hub) {
    }
}
