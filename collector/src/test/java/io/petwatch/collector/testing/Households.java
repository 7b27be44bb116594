package io.petwatch.collector.testing;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Fresh customers for a scenario of their own: a customer with one dog and its collar on hub-demo, and a mobile
 * number no seed customer has, so a test's cases, caps and replies never meet another test's.
 */
@ApplicationScoped
public class Households {
    private final Jdbc jdbc;

    public Households(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Who was created. */
    public record Household(String customerId, String petId, String collarId, String phone, String petName) {
    }

    public Household create(String petName, Optional<String> quietHours) {
        return create(petName, quietHours, newPhone());
    }

    /** A number no seed customer has: +44 7700 90xxxx is Ofcom's drama range, and the seed uses 900101-900999. */
    public static String newPhone() {
        return "+447700" + (910_000 + ThreadLocalRandom.current().nextInt(89_999));
    }

    /** A household on a given number: several share one in a family, or by a typo in the CRM. */
    public Household create(String petName, Optional<String> quietHours, String phone) {
        String tag = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        Household h = new Household("cus-t" + tag, "pet-t" + tag, "collar-t" + tag, phone, petName);
        jdbc.update("INSERT INTO customers (id, first_name, last_name, phone, time_zone, quiet_hours)"
                + " VALUES (?, 'Sam', 'Tester', ?, 'Europe/London', ?)", h.customerId(), phone, quietHours.orElse(null));
        jdbc.update("INSERT INTO pets (id, customer_id, name, species, breed, sex) VALUES (?, ?, ?, 'dog',"
                + " 'Labrador', 'male')", h.petId(), h.customerId(), petName);
        jdbc.update("INSERT INTO collars (id, pet_id, hub_id) VALUES (?, ?, 'hub-demo')", h.collarId(), h.petId());
        return h;
    }
}
