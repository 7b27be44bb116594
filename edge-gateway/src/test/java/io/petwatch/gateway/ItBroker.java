package io.petwatch.gateway;

import java.util.Optional;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * With {@code ./mvnw verify -Dpetwatch.it.containers=true}, on a machine with a Docker engine, starts Mosquitto in
 * a container once per integration-test JVM and points {@code petwatch.it.mqtt.url} at it before any test class
 * reads it. Off by default: CI and this project's machines use their local Mosquitto. The ITs that need a broker
 * with their own settings (auth, TLS, a restart) start a mosquitto binary themselves either way.
 */
public class ItBroker implements LauncherSessionListener {
    private Optional<GenericContainer<?>> mosquitto = Optional.empty();

    /**
     * Failsafe passes the Maven switch on as this property (outside petwatch.*, which the collector's config checks);
     * Surefire's unit-test runs never see it.
     */
    static boolean enabled() {
        return Boolean.getBoolean("it.containers");
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!enabled() || mosquitto.isPresent()) {
            return;
        }
        GenericContainer<?> broker = new GenericContainer<>(DockerImageName.parse("eclipse-mosquitto:2"))
                .withExposedPorts(1883)
                // Mosquitto 2 listens on localhost only unless told otherwise; the ITs connect anonymously.
                .withCopyToContainer(Transferable.of("listener 1883\nallow_anonymous true\n"),
                        "/mosquitto/config/mosquitto.conf");
        broker.start();
        mosquitto = Optional.of(broker);
        System.setProperty("petwatch.it.mqtt.url", "tcp://" + broker.getHost() + ":" + broker.getMappedPort(1883));
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        mosquitto.ifPresent(GenericContainer::stop);
        mosquitto = Optional.empty();
    }
}
