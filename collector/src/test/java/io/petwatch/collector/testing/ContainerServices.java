package io.petwatch.collector.testing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * With {@code ./mvnw verify -Dpetwatch.it.containers=true}, on a machine with a Docker
 * engine, every {@code @QuarkusTest} runs against PostgreSQL in a container instead of the local server. Off by
 * default: CI and this project's machines run the same tests against their local PostgreSQL.
 */
@QuarkusTestResource(ContainerServices.class)
public class ContainerServices implements QuarkusTestResourceLifecycleManager {
    /** The PostgreSQL the local machines run, so the tests see the same server. */
    static final String POSTGRES_IMAGE = "postgres:15";

    private PostgreSQLContainer postgres;

    /**
     * Failsafe passes the Maven switch on as this property (outside petwatch.*, which the collector's config checks);
     * Surefire's unit-test runs never see it.
     */
    public static boolean enabled() {
        return Boolean.getBoolean("it.containers");
    }

    @Override
    public Map<String, String> start() {
        if (!enabled()) {
            return Map.of();
        }
        postgres = new PostgreSQLContainer(POSTGRES_IMAGE).withDatabaseName("test").withUsername("postgres")
                .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust");
        postgres.start();
        return Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + postgres.getHost() + ":"
                        + postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT)
                        + "/test?currentSchema=petwatch_collector_test",
                "quarkus.datasource.username", postgres.getUsername(),
                "quarkus.datasource.password", postgres.getPassword());
    }

    @Override
    public void stop() {
        if (postgres != null) {
            postgres.stop();
        }
    }
}
