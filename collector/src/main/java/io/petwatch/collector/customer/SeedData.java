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

    /** A customer; {@code timeZone} defaults to UTC, {@code quietHours} (like "21:30-08:00") to none. */
    public record SeedCustomer(String id, String firstName, String lastName, String phone, String email,
                               String timeZone, String quietHours, List<SeedPet> pets) {
        public SeedCustomer {
            pets = pets == null ? List.of() : List.copyOf(pets);
            timeZone = timeZone == null ? "UTC" : java.time.ZoneId.of(timeZone).getId();
            if (quietHours != null) {
                QuietHours.parse(quietHours);
            }
        }
    }

    public record SeedPet(String id, String name, String species, String breed, String sex, String collar, String hub) {
    }
}
