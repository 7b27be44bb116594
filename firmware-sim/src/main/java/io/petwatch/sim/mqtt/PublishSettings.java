package io.petwatch.sim.mqtt;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How a fleet reaches its broker: shared by the simulation and the scenario suite, so both publish alike.
 *
 * @param credentials     each collar's password; empty: the collars connect anonymously
 * @param rate            most batches a second, all collars together
 * @param deliveryTimeout how long a batch may wait for its collar to be online, and the run for its PUBACK
 */
public record PublishSettings(URI broker, Optional<CollarCredentials> credentials, int rate, Duration deliveryTimeout,
                              ReconnectPolicy reconnect) {
    public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(60);

    public PublishSettings {
        if (broker.getHost() == null || broker.getPort() < 1) {
            throw new IllegalArgumentException("broker must look like tcp://host:port, was '" + broker + "'");
        }
        if (rate < 1) {
            throw new IllegalArgumentException("rate must be at least 1 batch per second, was " + rate);
        }
        if (deliveryTimeout.compareTo(Duration.ofSeconds(1)) < 0 || deliveryTimeout.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("delivery timeout must be between 1 s and a day, was " + deliveryTimeout);
        }
    }
}
