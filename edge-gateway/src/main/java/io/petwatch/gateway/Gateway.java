package io.petwatch.gateway;

import io.petwatch.gateway.config.GatewayConfig;
import io.petwatch.gateway.detect.AlertEvent;
import io.petwatch.gateway.detect.CollarBatch;
import io.petwatch.gateway.detect.DetectionEngine;
import io.petwatch.gateway.mqtt.CollarSubscriber;
import io.petwatch.gateway.mqtt.MalformedInputLog;
import io.petwatch.gateway.mqtt.TelemetryPipeline;
import io.petwatch.gateway.outbox.FileOutbox;
import io.petwatch.gateway.outbox.Outbox;
import io.petwatch.gateway.state.SnapshotStore;
import io.petwatch.gateway.status.StatusServer;
import io.petwatch.gateway.uplink.AlertMapper;
import io.petwatch.gateway.uplink.CollectorClient;
import io.petwatch.gateway.uplink.HttpCollectorClient;
import io.petwatch.gateway.uplink.Uplink;
import io.petwatch.proto.v1.CollarStatus;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.tinylog.Logger;

/** The edge gateway: collars in over MQTT, detection in event time, alerts out through a durable outbox. */
public final class Gateway implements AutoCloseable {
    /** How often the hub's clock is shown to detection, so silent collars are noticed. */
    static final Duration TICK = Duration.ofMinutes(1);

    private final GatewayConfig config;
    private final Clock clock;
    private final DetectionEngine engine;
    private final Object detection = new Object(); // the MQTT thread and the timer take turns
    private final Optional<SnapshotStore> snapshots;
    private final Outbox outbox;
    private final Uplink uplink;
    private final MalformedInputLog malformed = new MalformedInputLog();
    /** The firmware each collar last reported, put on its alerts. */
    private final Map<String, String> firmware = new ConcurrentHashMap<>();
    private final CollarSubscriber subscriber;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gateway-timer");
        t.setDaemon(true);
        return t;
    });
    private boolean started;
    private Optional<StatusServer> statusServer = Optional.empty();

    public Gateway(GatewayConfig config, Clock clock) {
        this(config, clock, new FileOutbox(config.outboxDir(), config.outboxMaxAlerts()),
                new HttpCollectorClient(config.collectorUrl(), config.hubId(), config.hubToken(), Duration.ofSeconds(10)));
    }

    public Gateway(GatewayConfig config, Clock clock, Outbox outbox, CollectorClient collector) {
        this.config = config;
        this.clock = clock;
        this.engine = new DetectionEngine(config.hubId(), config.zone(), config::zoneFor, config::paramsFor, clock);
        this.snapshots = config.snapshotDir().map(SnapshotStore::new);
        this.outbox = outbox;
        this.uplink = new Uplink(outbox, collector, config.hubId(), config.hubModel().orElse(""), clock,
                config.uplinkBatch(), config.uplinkMinBackoff(), config.uplinkMaxBackoff(), Duration.ofSeconds(5));
        this.subscriber = new CollarSubscriber(config.mqttUrl(), config.mqttClientId(), config.mqttSessionExpiry(),
                config.mqttUsername(), config.mqttPassword(), config.mqttTls(),
                new TelemetryPipeline(config.pairedCollars(), config.maxCollars(), malformed, this::onBatch),
                this::onStatus, malformed);
        snapshots.ifPresent(this::restore);
    }

    private void restore(SnapshotStore store) {
        Map<String, byte[]> saved = store.loadAll();
        Map<String, String> refused = engine.restore(saved);
        refused.forEach(store::reject);
        if (!saved.isEmpty()) {
            Logger.info("Restored detection state of {} collar(s) from snapshots", saved.size() - refused.size());
        }
    }

    /** Starts the uplink and timer (once) and connects to the broker; throws if the broker cannot be reached. */
    public void start() throws MqttException {
        if (!started) {
            uplink.start(); // alerts left in the outbox by a previous run go out even while MQTT is down
            long every = config.statsInterval().toSeconds();
            timer.scheduleAtFixedRate(this::tick, TICK.toSeconds(), TICK.toSeconds(), TimeUnit.SECONDS);
            timer.scheduleAtFixedRate(this::housekeeping, every, every, TimeUnit.SECONDS);
            startStatusServer();
            started = true;
        }
        subscriber.start();
        Logger.info("Gateway for hub {} started: broker {}, collector {}, zone {}, {} alert(s) pending",
                config.hubId(), config.mqttUrl(), config.collectorUrl(), config.zone(), outbox.size());
    }

    private void startStatusServer() {
        if (config.statusPort() < 0) {
            return;
        }
        try {
            StatusServer server = new StatusServer(config.statusPort(), this::status, this::learnedDays,
                    config.detection().lowActivity().minBaselineDays());
            statusServer = Optional.of(server);
            Logger.info("Status at http://127.0.0.1:{}/status, metrics at /metrics", server.port());
        } catch (IOException e) {
            // Monitoring is not worth stopping detection for.
            Logger.error("Status server could not listen on 127.0.0.1:{}: {}", config.statusPort(), e.getMessage());
        }
    }

    private Map<String, Integer> learnedDays() {
        synchronized (detection) {
            return engine.learnedDays();
        }
    }

    /** The port of /status and /metrics, once started and enabled. */
    public Optional<Integer> statusPort() {
        return statusServer.map(StatusServer::port);
    }

    private void onBatch(CollarBatch batch) {
        if (!batch.firmware().isEmpty()) {
            // Only admitted collars get here, so this map is bounded like detection state; so is each version string.
            String version = batch.firmware();
            firmware.put(batch.collarId(), version.length() > 64 ? version.substring(0, 64) : version);
        }
        List<AlertEvent> alerts;
        synchronized (detection) {
            alerts = engine.ingest(batch);
        }
        raise(alerts);
    }

    private void onStatus(CollarStatus status) {
        // The hub's clock marks the change: a will message carries the time its collar connected, not left.
        boolean online = status.getConnectivity() == CollarStatus.Connectivity.ONLINE;
        List<AlertEvent> alerts;
        synchronized (detection) {
            alerts = engine.status(status.getCollarId(), online, clock.millis());
        }
        raise(alerts);
    }

    private void tick() {
        try {
            List<AlertEvent> alerts;
            synchronized (detection) {
                alerts = engine.tick(clock.millis());
            }
            raise(alerts);
        } catch (RuntimeException e) {
            Logger.error(e, "Detection tick failed");
        }
    }

    private void raise(List<AlertEvent> alerts) {
        for (AlertEvent event : alerts) {
            // On disk before the batch is acknowledged to the broker: an alert is never only in memory.
            outbox.add(AlertMapper.toProto(config.hubId(), event, firmware.getOrDefault(event.collarId(), "")));
            Logger.info("Alert {} {} {} for collar {}: {}", event.kind(), event.state(), event.severity(),
                    event.collarId(), event.summary());
        }
        if (!alerts.isEmpty()) {
            uplink.wakeUp();
        }
    }

    public GatewayStatus status() {
        return new GatewayStatus(subscriber.connected(), subscriber.batchesDelivered(), malformed.count(),
                malformed.byReason(), engine.stats(), uplink.pending(), outbox.dropped(), uplink.lastSuccessMs(),
                uplink.lastFailure());
    }

    private void housekeeping() {
        try {
            saveSnapshots();
            GatewayStatus s = status();
            Logger.info("Stats: {} batches from {} collars ({} still learning their pet's normal; {} late, {} resent,"
                            + " {} skipped in seq), {} duplicate and {} rejected minutes, dropped payloads {}, {} alerts"
                            + " raised, {} pending upload, {} dropped from a full outbox",
                    s.batchesDelivered(), s.detection().collars(), s.detection().warmingUp(), s.detection().lateBatches(),
                    s.detection().duplicateBatches(), s.detection().seqSkipped(), s.detection().minutesDuplicate(),
                    s.detection().minutesRejected(), s.droppedByReason(), s.detection().alertsRaised(),
                    s.pendingAlerts(), s.droppedAlerts());
        } catch (RuntimeException e) {
            Logger.error(e, "Housekeeping failed");
        }
    }

    private void saveSnapshots() {
        snapshots.ifPresent(store -> {
            Map<String, byte[]> state;
            synchronized (detection) {
                state = engine.snapshot();
            }
            store.saveAll(state);
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
        statusServer.ifPresent(StatusServer::close);
        subscriber.close();
        uplink.close();
        housekeeping();
    }
}
