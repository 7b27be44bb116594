package io.petwatch.sim;

import io.petwatch.sim.mqtt.CollarCredentials;
import io.petwatch.sim.mqtt.PublishSettings;
import io.petwatch.sim.mqtt.ReconnectPolicy;
import io.petwatch.sim.scenario.SlowDecline;
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
 * @param deliveryTimeout how long a batch may wait for its collar to be online, and the run for its PUBACK; a batch
 *                        not delivered by then is counted as undelivered and the run carries on
 * @param credentials     a file of collar-id:password lines; each collar then logs in with its id as username
 * @param skip            batches left out (their seqs skipped), as if lost on the way
 * @param decline         collars whose pet slowly declines over weeks (with a longer history), on top of the scenario
 */
public record SimConfig(URI broker, int collars, String collarPrefix, int days, Instant start, ZoneId zone, long seed,
                        int batchMinutes, String scenario, List<String> lethargyCollars, int lethargyCount,
                        Duration lethargyLength, Optional<Path> labels,
                        int rate, Duration deliveryTimeout, Optional<Path> credentials, SkipList skip,
                        SlowDecline decline) {

    /** No declining collar. */
    public SimConfig(URI broker, int collars, String collarPrefix, int days, Instant start, ZoneId zone, long seed,
                     int batchMinutes, String scenario, List<String> lethargyCollars, int lethargyCount,
                     Duration lethargyLength, Optional<Path> labels,
                     int rate, Duration deliveryTimeout, Optional<Path> credentials, SkipList skip) {
        this(broker, collars, collarPrefix, days, start, zone, seed, batchMinutes, scenario, lethargyCollars,
                lethargyCount, lethargyLength, labels, rate, deliveryTimeout, credentials, skip, SlowDecline.NONE);
    }

    /** Anonymous collars and the default delivery timeout. */
    public SimConfig(URI broker, int collars, String collarPrefix, int days, Instant start, ZoneId zone, long seed,
                     int batchMinutes, String scenario, List<String> lethargyCollars, int lethargyCount,
                     Duration lethargyLength, Optional<Path> labels, int rate) {
        this(broker, collars, collarPrefix, days, start, zone, seed, batchMinutes, scenario, lethargyCollars,
                lethargyCount, lethargyLength, labels, rate, PublishSettings.DEFAULT_DELIVERY_TIMEOUT, Optional.empty(),
                SkipList.NONE, SlowDecline.NONE);
    }

    /** The same run with these collars slowly declining. */
    public SimConfig withDecline(SlowDecline slowDecline) {
        return new SimConfig(broker, collars, collarPrefix, days, start, zone, seed, batchMinutes, scenario,
                lethargyCollars, lethargyCount, lethargyLength, labels, rate, deliveryTimeout, credentials, skip,
                slowDecline);
    }

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
        if (deliveryTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("delivery timeout must be at least 1 s, was " + deliveryTimeout);
        }
        lethargyCollars = List.copyOf(lethargyCollars);
    }

    public Instant end() {
        return start.plus(Duration.ofDays(days));
    }

    /** How the collars reach the broker; reads the credentials file, if any. */
    public PublishSettings publishSettings() {
        return new PublishSettings(broker, credentials.map(CollarCredentials::load), rate, deliveryTimeout,
                ReconnectPolicy.DEFAULT);
    }

    public List<String> collarIds() {
        return IntStream.rangeClosed(1, collars).mapToObj(n -> String.format("%s%03d", collarPrefix, n)).toList();
    }
}
