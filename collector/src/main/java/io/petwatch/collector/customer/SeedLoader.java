package io.petwatch.collector.customer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.petwatch.collector.config.PetwatchConfig;
import io.petwatch.collector.hub.HubTokens;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jboss.logging.Logger;

/**
 * Loads sample customers, pets, collars and hubs at start-up when {@code petwatch.seed.location} is set. Loading
 * is an upsert, so restarting with the same file changes nothing.
 */
@ApplicationScoped
public class SeedLoader {
    private static final Logger LOG = Logger.getLogger(SeedLoader.class);

    private final PetwatchConfig config;
    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;

    public SeedLoader(PetwatchConfig config, AgroalDataSource dataSource, ObjectMapper mapper) {
        this.config = config;
        this.dataSource = dataSource;
        this.mapper = mapper.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    @Transactional
    void onStart(@Observes StartupEvent event) {
        config.seed().location().ifPresent(location -> {
            SeedData seed = read(location);
            try (Connection connection = dataSource.getConnection()) {
                load(connection, seed);
            } catch (SQLException e) {
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

    private static void load(Connection c, SeedData seed) throws SQLException {
        for (SeedData.SeedCustomer customer : seed.customers()) {
            exec(c, """
                    INSERT INTO customers (id, first_name, last_name, phone, email, time_zone, quiet_hours)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name,
                        phone = EXCLUDED.phone, email = EXCLUDED.email, time_zone = EXCLUDED.time_zone,
                        quiet_hours = EXCLUDED.quiet_hours""",
                    customer.id(), customer.firstName(), customer.lastName(), customer.phone(), customer.email(),
                    customer.timeZone(), customer.quietHours());
        }
        for (SeedData.SeedHub hub : seed.hubs()) {
            exec(c, """
                    INSERT INTO hubs (id, customer_id, token_sha256, revoked_at)
                    VALUES (?, ?, ?, CASE WHEN ? THEN now() END)
                    ON CONFLICT (id) DO UPDATE SET customer_id = EXCLUDED.customer_id,
                        token_sha256 = EXCLUDED.token_sha256, revoked_at = EXCLUDED.revoked_at""",
                    hub.id(), hub.customerId().orElse(null), HubTokens.sha256Hex(hub.token()), hub.revoked());
        }
        for (SeedData.SeedCustomer customer : seed.customers()) {
            for (SeedData.SeedPet pet : customer.pets()) {
                exec(c, """
                        INSERT INTO pets (id, customer_id, name, species, breed, sex) VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET customer_id = EXCLUDED.customer_id, name = EXCLUDED.name,
                            species = EXCLUDED.species, breed = EXCLUDED.breed, sex = EXCLUDED.sex""",
                        pet.id(), customer.id(), pet.name(), pet.species(), pet.breed(), pet.sex());
                exec(c, """
                        INSERT INTO collars (id, pet_id, hub_id) VALUES (?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET pet_id = EXCLUDED.pet_id, hub_id = EXCLUDED.hub_id""",
                        pet.collar(), pet.id(), pet.hub());
            }
        }
    }

    private static void exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            statement.executeUpdate();
        }
    }
}
