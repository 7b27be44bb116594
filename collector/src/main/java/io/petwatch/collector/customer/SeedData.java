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

    public record SeedCustomer(String id, String firstName, String lastName, String phone, String email,
                               List<SeedPet> pets) {
        public SeedCustomer {
            pets = pets == null ? List.of() : List.copyOf(pets);
        }
    }

    public record SeedPet(String id, String name, String species, String breed, String sex, String collar, String hub) {
    }
}
