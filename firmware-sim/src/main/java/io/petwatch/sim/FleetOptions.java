package io.petwatch.sim;

import io.petwatch.sim.mqtt.BrokerTls;
import io.petwatch.sim.mqtt.PublishSettings;
import io.petwatch.sim.play.PlayLimits;
import io.petwatch.sim.play.Speed;
import java.time.Duration;
import java.util.Optional;

/**
 * How a fleet run plays, connects, shows its progress and secures its connections (beyond {@link PublishSettings}).
 *
 * @param speed            simulated time against wall time
 * @param maxInFlight      most batches of one collar waiting for their answer (1: a firmware that waits for each
 *                         PUBACK before its next batch)
 * @param maxInFlightTotal most batches of all collars waiting for their answer
 * @param connectRate      most first connections a second
 * @param connectJitter    each collar's first connection comes up to this much later than its turn
 * @param progressEvery    a progress line on standard error this often; zero for none
 * @param prometheusPort   serve the figures live on 127.0.0.1 at this port (0: a free one)
 * @param tls              TLS with an ssl:// or mqtts:// broker
 * @param clearStatus      at the end, clear each collar's retained status rather than leave OFFLINE: a benchmark's
 *                         thousands of collars would otherwise stay on a shared broker, handed to every subscriber
 */
public record FleetOptions(Speed speed, int maxInFlight, int maxInFlightTotal, int connectRate,
                           Duration connectJitter, Duration progressEvery, Optional<Integer> prometheusPort,
                           Optional<BrokerTls> tls, boolean clearStatus) {
    /** As fast as answers allow, one batch in flight a collar, 500 connections a second, quietly. */
    public static final FleetOptions DEFAULT = new FleetOptions(Speed.MAX, 1, 10_000, 500, Duration.ZERO,
            Duration.ZERO, Optional.empty(), Optional.empty(), false);

    public FleetOptions {
        if (maxInFlight < 1 || maxInFlightTotal < 1) {
            throw new IllegalArgumentException("in-flight limits must be at least 1, were " + maxInFlight + " and "
                    + maxInFlightTotal);
        }
        if (connectRate < 1) {
            throw new IllegalArgumentException("connect rate must be at least 1 a second, was " + connectRate);
        }
        if (connectJitter.isNegative() || progressEvery.isNegative()) {
            throw new IllegalArgumentException("connect jitter and progress interval must not be negative");
        }
        prometheusPort.ifPresent(port -> {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("prometheus port must be in 0..65535, was " + port);
            }
        });
    }

    /** The same options at another speed (a scenario file's own, when the command line gave none). */
    public FleetOptions withSpeed(Speed other) {
        return new FleetOptions(other, maxInFlight, maxInFlightTotal, connectRate, connectJitter, progressEvery,
                prometheusPort, tls, clearStatus);
    }

    PlayLimits limits(PublishSettings settings) {
        return new PlayLimits(speed, settings.rate(), maxInFlight, maxInFlightTotal, settings.deliveryTimeout());
    }
}
