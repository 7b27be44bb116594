package io.petwatch.sim.mqtt;

import io.petwatch.sim.delivery.Pacer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.tinylog.Logger;

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

    public Pacer pacer() {
        return new Pacer(rate);
    }

    /**
     * Connects every collar, each with its firmware's ONLINE status. With credentials, a collar without a password
     * is an error naming it before any collar connects; a collar that cannot connect closes the ones before it.
     */
    public List<CollarConnection> connectAll(List<String> collarIds, String firmware, ToIntFunction<String> batteryPct) {
        credentials.ifPresent(c -> c.requireAll(collarIds));
        List<CollarConnection> connections = new ArrayList<>();
        try {
            for (String id : collarIds) {
                CollarConnection c = new CollarConnection(broker, id, firmware, batteryPct.applyAsInt(id),
                        credentials.flatMap(creds -> creds.passwordFor(id)), reconnect);
                connections.add(c);
                c.connect(firmware, batteryPct.applyAsInt(id));
            }
        } catch (RuntimeException e) {
            connections.forEach(CollarConnection::close);
            throw e;
        }
        Logger.info("{} collars online at {}{}", connections.size(), broker,
                credentials.isPresent() ? ", each logged in with its collar id" : "");
        return connections;
    }
}
