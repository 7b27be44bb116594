package io.petwatch.sim;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * One simulator run.
 *
 * @param broker          MQTT broker, tcp://host:port
 * @param collars         number of collars
 * @param collarPrefix    collar n is named prefix + three digits (collar-001)
 * @param days            simulated days
 * @param start           event-time start of the run
 * @param zone            the pets' household time zone (their day is lived in local time)
 * @param seed            everything random derives from it: same seed, same data
 * @param batchMinutes    samples per telemetry batch
 * @param scenario        healthy or lethargy
 * @param lethargyCollars named collars for the lethargy scenario (empty: pick lethargyCount by the seed)
 * @param lethargyCount   how many collars become lethargic
 * @param lethargyLength  how long each lethargy episode lasts
 * @param labels          where to write the ground truth as JSON lines
 * @param rate            most batches published per second, all collars together; a broker queues only so much
 *                        for a slower subscriber (Mosquitto: max_queued_messages, 1000 by default) and drops the rest
 */
public record SimConfig(URI broker, int collars, String collarPrefix, int days, Instant start, ZoneId zone, long seed,
                        int batchMinutes, String scenario, List<String> lethargyCollars, int lethargyCount,
                        Duration lethargyLength, Optional<Path> labels,
                        int rate) {

    public SimConfig {
        if (collars < 1 || collars > 10_000) {
            throw new IllegalArgumentException("collars must be in 1..10000, was " + collars);
        }
        if (days < 1 || days > 366) {
            throw new IllegalArgumentException("days must be in 1..366, was " + days);
        }
        if (!List.of("healthy", "lethargy").contains(scenario)) {
            throw new IllegalArgumentException("scenario must be healthy or lethargy, was '" + scenario + "'");
        }
        if (!collarPrefix.matches("[A-Za-z0-9_-]{0,32}")) {
            throw new IllegalArgumentException("collar prefix may hold letters, digits, '-' and '_' only, was '"
                    + collarPrefix + "'");
        }
        if (broker.getHost() == null || broker.getPort() < 1) {
            throw new IllegalArgumentException("broker must look like tcp://host:port, was '" + broker + "'");
        }
        if (rate < 1) {
            throw new IllegalArgumentException("rate must be at least 1 batch per second, was " + rate);
        }
        lethargyCollars = List.copyOf(lethargyCollars);
    }

    public Instant end() {
        return start.plus(Duration.ofDays(days));
    }

    public List<String> collarIds() {
        return IntStream.rangeClosed(1, collars).mapToObj(n -> String.format("%s%03d", collarPrefix, n)).toList();
    }
}
