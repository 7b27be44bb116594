package io.petwatch.demo;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * With {@code ./mvnw verify -Dpetwatch.it.containers=true}, on a machine with a Docker
 * engine, starts Mosquitto and PostgreSQL in containers once per integration-test JVM and points the ITs at them
 * through the {@code petwatch.it.*} properties, before any test class reads them. Off by default: CI and this project's machines
 * run the same ITs against their local Mosquitto and PostgreSQL.
 */
public class ItContainers implements LauncherSessionListener {
    private final List<GenericContainer<?>> started = new ArrayList<>();

    /**
     * Failsafe passes the Maven switch on as this property (outside petwatch.*, which the collector's config checks);
     * Surefire's unit-test runs never see it.
     */
    static boolean enabled() {
        return Boolean.getBoolean("it.containers");
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!enabled() || !started.isEmpty()) {
            return;
        }
        GenericContainer<?> mosquitto = new GenericContainer<>(DockerImageName.parse("eclipse-mosquitto:2"))
                .withExposedPorts(1883)
                // Mosquitto 2 listens on localhost only unless told otherwise; the ITs connect anonymously.
                .withCopyToContainer(Transferable.of("listener 1883\nallow_anonymous true\n"),
                        "/mosquitto/config/mosquitto.conf");
        // Trust auth, as on the local server: the ITs and the collector they start connect as postgres, no password.
        PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:15").withDatabaseName("test")
                .withUsername("postgres").withEnv("POSTGRES_HOST_AUTH_METHOD", "trust");
        mosquitto.start();
        started.add(mosquitto);
        postgres.start();
        started.add(postgres);
        System.setProperty("petwatch.it.mqtt.host", mosquitto.getHost());
        System.setProperty("petwatch.it.mqtt.port", Integer.toString(mosquitto.getMappedPort(1883)));
        System.setProperty("petwatch.it.mqtt.url", "tcp://" + mosquitto.getHost() + ":"
                + mosquitto.getMappedPort(1883));
        System.setProperty("petwatch.it.db.url", "jdbc:postgresql://" + postgres.getHost() + ":"
                + postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT) + "/test");
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        started.forEach(GenericContainer::stop);
        started.clear();
    }

    /** Host and port (5432 unless given) of a {@code jdbc:postgresql://host:port/db} URL, for reachability checks. */
    static URI jdbcAddress(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.replaceFirst("^jdbc:", ""));
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("petwatch.it.db.url must be jdbc:postgresql://host:port/db, was "
                    + jdbcUrl);
        }
        return uri.getPort() > 0 ? uri : URI.create("postgresql://" + uri.getHost() + ":5432" + uri.getRawPath());
    }
}
