package io.petwatch.collector.customer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.petwatch.collector.config.PetwatchConfig;
import io.petwatch.collector.hub.HubRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Loads sample customers, pets, collars and hubs at start-up when {@code petwatch.seed.location} is set. Loading
 * is an upsert, so restarting with the same file changes nothing.
 */
@ApplicationScoped
public class SeedLoader {
    private static final Logger LOG = Logger.getLogger(SeedLoader.class);

    private final PetwatchConfig config;
    private final Jdbi jdbi;
    private final HubRegistry hubs;
    private final ObjectMapper mapper;

    public SeedLoader(PetwatchConfig config, Jdbi jdbi, HubRegistry hubs, ObjectMapper mapper) {
        this.config = config;
        this.jdbi = jdbi;
        this.hubs = hubs;
        this.mapper = mapper.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    @Transactional
    void onStart(@Observes StartupEvent event) {
        config.seed().location().ifPresent(location -> {
            SeedData seed = read(location);
            try {
                load(seed);
            } catch (JdbiException e) {
                throw new IllegalStateException("loading seed " + location + " failed: " + e.getMessage(), e);
            }
            LOG.infof("Loaded seed %s: %d hubs, %d customers", location, seed.hubs().size(), seed.customers().size());
        });
    }

    private SeedData read(String location) {
        try (InputStream in = open(location)) {
            return mapper.readValue(in, SeedData.class);
        } catch (IOException e) {
            throw new IllegalStateException("seed " + location + " is not a readable seed file: " + e.getMessage(), e);
        }
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length());
            InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new IOException("no classpath resource " + resource);
            }
            return in;
        }
        return Files.newInputStream(Path.of(location));
    }

    private void load(SeedData seed) {
        jdbi.useHandle(h -> {
            for (SeedData.SeedCustomer customer : seed.customers()) {
                h.execute("""
                        INSERT INTO customers (id, first_name, last_name, phone, email, time_zone, quiet_hours)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name,
                            phone = EXCLUDED.phone, email = EXCLUDED.email, time_zone = EXCLUDED.time_zone,
                            quiet_hours = EXCLUDED.quiet_hours""",
                        customer.id(), customer.firstName(), customer.lastName(), customer.phone(), customer.email(),
                        customer.timeZone(), customer.quietHours());
            }
        });
        // Hubs after their customers, and before the collars registered to them.
        for (SeedData.SeedHub hub : seed.hubs()) {
            hubs.load(hub.id(), hub.customerId(), hub.token(), hub.revoked());
        }
        jdbi.useHandle(h -> {
            for (SeedData.SeedCustomer customer : seed.customers()) {
                for (SeedData.SeedPet pet : customer.pets()) {
                    h.execute("""
                            INSERT INTO pets (id, customer_id, name, species, breed, sex) VALUES (?, ?, ?, ?, ?, ?)
                            ON CONFLICT (id) DO UPDATE SET customer_id = EXCLUDED.customer_id, name = EXCLUDED.name,
                                species = EXCLUDED.species, breed = EXCLUDED.breed, sex = EXCLUDED.sex""",
                            pet.id(), customer.id(), pet.name(), pet.species(), pet.breed(), pet.sex());
                    h.execute("""
                            INSERT INTO collars (id, pet_id, hub_id) VALUES (?, ?, ?)
                            ON CONFLICT (id) DO UPDATE SET pet_id = EXCLUDED.pet_id, hub_id = EXCLUDED.hub_id""",
                            pet.collar(), pet.id(), pet.hub());
                }
                for (SeedData.SeedRef ref : customer.refs()) {
                    h.execute("""
                            INSERT INTO customer_refs (system, external_id, customer_id, details)
                            VALUES (?, ?, ?, CAST(? AS jsonb))
                            ON CONFLICT (system, external_id) DO UPDATE SET customer_id = EXCLUDED.customer_id,
                                details = EXCLUDED.details""", ref.system(), ref.externalId(), customer.id(),
                            ref.details() == null ? "{}" : ref.details().toString());
                }
            }
        });
    }
}
