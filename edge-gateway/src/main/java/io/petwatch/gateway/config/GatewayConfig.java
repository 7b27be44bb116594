package io.petwatch.gateway.config;

import io.petwatch.gateway.detect.CollarText;
import io.petwatch.gateway.detect.DetectorParams;
import io.petwatch.gateway.status.Watchdog;
import java.net.URI;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the gateway is told. Each key is also read from the environment as its upper-case form with
 * dots and dashes turned into underscores (petwatch.hub.id is PETWATCH_HUB_ID).
 *
 * @param hubId         this hub's id, as registered with the collector
 * @param hubToken      this hub's secret for the collector
 * @param hubModel      this hub's hardware model, sent with every upload so the collector can spot faults of one model
 * @param mqttUrl       the hub's MQTT 5 broker the collars publish to
 * @param mqttClientId  client id of the gateway's persistent MQTT session
 * @param mqttSessionExpiry how long the broker keeps the session (and queues batches) while the gateway is away
 * @param mqttUsername  the gateway's username on the hub broker, if it requires one
 * @param mqttPassword  its password (a secret: never logged)
 * @param mqttTls       CA and client certificate for an ssl:// broker URL
 * @param pairedCollars collars paired with this hub; when set, data from any other collar is dropped and counted
 * @param maxCollars    most distinct collars tracked when no pairing list is set (bounds memory)
 * @param collarReclaimAfter without a pairing list, a collar silent this long gives its slot to a new collar when
 *                      none is free
 * @param mqttReceiveMaximum most unacknowledged messages the broker may send ahead of detection
 * @param collectorUrl  base URL of the collector
 * @param outboxDir     where alerts wait until the collector has them
 * @param outboxMaxAlerts most alerts the outbox holds; past it the least important are dropped (see OutboxPolicy)
 * @param snapshotDir   where per-collar detection state is kept across restarts; empty keeps it in memory only
 * @param zone          the household's time zone: the pet's day is learned in local hours
 * @param detection     every detector's tuning, hub-wide
 * @param pets          per-pet tuning, by collar id (see {@link DetectionSettings})
 * @param petZones      per-pet household zones, where one hub serves several households
 * @param uplinkBatch   most alerts per upload
 * @param uplinkMinBackoff first retry delay after a failed upload
 * @param uplinkMaxBackoff longest retry delay
 * @param statsInterval how often the gateway logs its counters (and snapshots its state)
 * @param censusInterval how often the gateway sends the collector its census (collars heard lately, by firmware)
 * @param statusPort    local port of /status and /metrics on 127.0.0.1; 0 picks a free one, -1 turns them off
 * @param watchdog      when the gateway counts as stuck and exits so that its service manager restarts it
 */
public record GatewayConfig(String hubId, String hubToken, Optional<String> hubModel, String mqttUrl, String mqttClientId,
                            Duration mqttSessionExpiry, Optional<String> mqttUsername, Optional<String> mqttPassword,
                            BrokerTls mqttTls,
                            List<String> pairedCollars, int maxCollars, Duration collarReclaimAfter,
                            int mqttReceiveMaximum, URI collectorUrl,
                            Path outboxDir, int outboxMaxAlerts,
                            Optional<Path> snapshotDir,
                            ZoneId zone, DetectorParams detection, Map<String, DetectorParams> pets,
                            Map<String, ZoneId> petZones, int uplinkBatch,
                            Duration uplinkMinBackoff, Duration uplinkMaxBackoff, Duration statsInterval,
                            Duration censusInterval, int statusPort, Watchdog.Limits watchdog) {

    /** Where {@code /status} and {@code /metrics} listen unless configured. */
    public static final int DEFAULT_STATUS_PORT = 9464;

    static final List<String> KEYS = List.of("petwatch.hub.id", "petwatch.hub.token", "petwatch.hub.model",
            "petwatch.mqtt.url",
            "petwatch.mqtt.client-id", "petwatch.mqtt.session-expiry-s", "petwatch.mqtt.username",
            "petwatch.mqtt.password", BrokerTls.CA_FILE, BrokerTls.CERT_FILE, BrokerTls.KEY_FILE,
            "petwatch.collars.paired",
            "petwatch.collars.max", "petwatch.collars.reclaim-after-hours", "petwatch.mqtt.receive-maximum",
            "petwatch.collector.url",
            "petwatch.outbox.dir", "petwatch.outbox.max-alerts", "petwatch.snapshot.dir", "petwatch.zone", "petwatch.uplink.batch",
            "petwatch.uplink.min-backoff-ms", "petwatch.uplink.max-backoff-ms", "petwatch.stats.interval-s",
            "petwatch.census.interval-s", "petwatch.status.port", "petwatch.watchdog.stall-s",
            "petwatch.watchdog.disconnected-s", "petwatch.watchdog.flaps", "petwatch.watchdog.flap-window-s");

    public GatewayConfig {
        pets = Map.copyOf(pets);
        petZones = Map.copyOf(petZones);
        pairedCollars = List.copyOf(pairedCollars);
    }

    /** A collar's household zone: its own where configured, the hub's otherwise. */
    public ZoneId zoneFor(String collarId) {
        return petZones.getOrDefault(collarId, zone);
    }

    /** Secrets are shown as *** so a logged config never leaks them. */
    @Override
    public String toString() {
        return "GatewayConfig[hubId=" + hubId + ", hubToken=***, hubModel=" + hubModel.orElse("") + ", mqttUrl="
                + mqttUrl + ", mqttClientId=" + mqttClientId + ", mqttTls=" + mqttTls + ", mqttUsername="
                + mqttUsername.orElse("") + ", mqttPassword=" + mqttPassword.map(p -> "***").orElse("")
                + ", collectorUrl=" + collectorUrl + ", zone=" + zone + ", pets=" + pets.keySet() + "]";
    }

    /** Every hub-wide key, detector keys included. */
    static List<String> allKeys() {
        List<String> keys = new ArrayList<>(KEYS);
        DetectionSettings.KEYS.forEach(k -> keys.add("petwatch." + k));
        return keys;
    }

    /** The tuning for one collar: its own where configured, the hub's otherwise. */
    public DetectorParams paramsFor(String collarId) {
        return pets.getOrDefault(collarId, detection);
    }

    /**
     * Refuses a setting this gateway does not know, naming the closest one it does: a misspelt key would otherwise
     * be ignored and its default used without a word.
     */
    public static void rejectUnknownKeys(ConfigSource source) {
        List<String> unknown = source.unknownKeys(allKeys(), List.of(DetectionSettings.PETS));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown setting" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown));
        }
    }

    public static GatewayConfig from(ConfigSource source) {
        rejectUnknownKeys(source);
        String hubId = source.require("petwatch.hub.id");
        String mqttUrl = source.get("petwatch.mqtt.url", "tcp://127.0.0.1:1883");
        return new GatewayConfig(hubId,
                source.require("petwatch.hub.token"),
                source.get("petwatch.hub.model").map(String::trim).filter(m -> !m.isEmpty()).map(GatewayConfig::model),
                mqttUrl,
                source.get("petwatch.mqtt.client-id", "petwatch-gateway-" + hubId),
                Duration.ofSeconds(source.getInt("petwatch.mqtt.session-expiry-s", 2 * 24 * 3600)),
                source.get("petwatch.mqtt.username"),
                source.get("petwatch.mqtt.password"),
                BrokerTls.from(source, mqttUrl),
                paired(source.get("petwatch.collars.paired").orElse("")),
                positive("petwatch.collars.max", source.getInt("petwatch.collars.max", 200)),
                Duration.ofHours(positive("petwatch.collars.reclaim-after-hours",
                        source.getInt("petwatch.collars.reclaim-after-hours", 7 * 24))),
                positive("petwatch.mqtt.receive-maximum", source.getInt("petwatch.mqtt.receive-maximum", 100)),
                uri(source.get("petwatch.collector.url", "http://127.0.0.1:8080")),
                Path.of(source.get("petwatch.outbox.dir", "petwatch-data/outbox")),
                positive("petwatch.outbox.max-alerts", source.getInt("petwatch.outbox.max-alerts", 10_000)),
                Optional.of(Path.of(source.get("petwatch.snapshot.dir", "petwatch-data/snapshots")))
                        .filter(p -> !p.toString().equals("none")),
                zone(source.get("petwatch.zone", ZoneId.systemDefault().getId())),
                DetectionSettings.defaults(source),
                DetectionSettings.perPet(source),
                DetectionSettings.zones(source),
                positive("petwatch.uplink.batch", source.getInt("petwatch.uplink.batch", 100)),
                Duration.ofMillis(positive("petwatch.uplink.min-backoff-ms",
                        source.getInt("petwatch.uplink.min-backoff-ms", 1000))),
                Duration.ofMillis(positive("petwatch.uplink.max-backoff-ms",
                        source.getInt("petwatch.uplink.max-backoff-ms", 60_000))),
                Duration.ofSeconds(positive("petwatch.stats.interval-s",
                        source.getInt("petwatch.stats.interval-s", 60))),
                seconds(source, "petwatch.census.interval-s", 3600),
                statusPort(source.getInt("petwatch.status.port", DEFAULT_STATUS_PORT)),
                new Watchdog.Limits(seconds(source, "petwatch.watchdog.stall-s", 60),
                        seconds(source, "petwatch.watchdog.disconnected-s", 600),
                        positive("petwatch.watchdog.flaps", source.getInt("petwatch.watchdog.flaps", 10)),
                        seconds(source, "petwatch.watchdog.flap-window-s", 300)));
    }

    private static Duration seconds(ConfigSource source, String key, int defaultSeconds) {
        return Duration.ofSeconds(positive(key, source.getInt(key, defaultSeconds)));
    }

    /** Paired collar ids must be ones a collar may have: a typo here would silently shut a collar out. */
    private static List<String> paired(String value) {
        List<String> ids = Arrays.stream(value.split(",")).map(String::trim).filter(c -> !c.isEmpty()).toList();
        for (String id : ids) {
            if (!CollarText.validCollarId(id)) {
                throw new IllegalArgumentException("petwatch.collars.paired: '" + id + "' is not a collar id (1 to 64"
                        + " letters, digits, '.', '_', ':' or '-', starting with a letter or digit)");
            }
        }
        return ids;
    }

    private static URI uri(String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("petwatch.collector.url must be an http(s) URL, was '" + value + "'", e);
        }
    }

    private static ZoneId zone(String value) {
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("petwatch.zone must be a time-zone id such as Europe/Paris, was '"
                    + value + "'", e);
        }
    }

    private static int statusPort(int port) {
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("petwatch.status.port must be a port, 0 (any free one) or -1 (off), was "
                    + port);
        }
        return port;
    }

    /** The collector keeps at most 64 characters of a hub model and refuses a longer one. */
    private static String model(String model) {
        if (model.length() > 64) {
            throw new IllegalArgumentException("petwatch.hub.model must be at most 64 characters, was "
                    + model.length());
        }
        return model;
    }

    private static int positive(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be positive, was " + value);
        }
        return value;
    }
}
