package io.petwatch.gateway;

import io.petwatch.gateway.census.CensusTask;
import io.petwatch.gateway.census.CollarCensus;
import io.petwatch.gateway.config.GatewayConfig;
import io.petwatch.gateway.detect.CollarProgress;
import io.petwatch.gateway.detect.DetectionEngine;
import io.petwatch.gateway.ingest.AlertRaiser;
import io.petwatch.gateway.ingest.DetectionState;
import io.petwatch.gateway.ingest.DetectionWorker;
import io.petwatch.gateway.mqtt.CollarAdmission;
import io.petwatch.gateway.mqtt.CollarSubscriber;
import io.petwatch.gateway.mqtt.MalformedInputLog;
import io.petwatch.gateway.mqtt.TelemetryPipeline;
import io.petwatch.gateway.outbox.FileOutbox;
import io.petwatch.gateway.outbox.Outbox;
import io.petwatch.gateway.state.SnapshotStore;
import io.petwatch.gateway.status.GatewayStatus;
import io.petwatch.gateway.status.HubHealth;
import io.petwatch.gateway.status.StatusServer;
import io.petwatch.gateway.status.Watchdog;
import io.petwatch.gateway.uplink.CensusClient;
import io.petwatch.gateway.uplink.CollectorClient;
import io.petwatch.gateway.uplink.HttpCollectorClient;
import io.petwatch.gateway.uplink.Uplink;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.tinylog.Logger;

/**
 * The edge gateway: collars in over MQTT, detection in event time, alerts out through a durable outbox. A batch is
 * acknowledged to the broker only once its effect is on disk (journal, outbox), and a watchdog turns a gateway that
 * is stuck into one that exits, for its service manager to restart.
 */
public final class Gateway implements AutoCloseable {
    /** How often the hub's clock is shown to detection, so silent collars are noticed. */
    static final Duration TICK = Duration.ofMinutes(1);
    /** How often the watchdog looks. */
    static final Duration WATCHDOG_EVERY = Duration.ofSeconds(5);
    /**
     * The first census goes this long after start, then every census interval. Snapshots keep each collar's firmware,
     * so restored collars count under it from the start; the short wait lets the broker hand over what queued for
     * the gateway's session while it was down, so the first census has the collars' newest data and firmware (the
     * collector keeps the previous census meanwhile). Only on the first start after an upgrade from snapshots of
     * format 4 or older do restored collars count under no firmware until they report again.
     */
    static final Duration FIRST_CENSUS = Duration.ofMinutes(2);
    /** Messages waiting for detection before the MQTT callback is held back. */
    static final int QUEUE_CAPACITY = 1024;
    /** A journal this large is checkpointed early, so a restart never replays much. */
    static final long CHECKPOINT_BYTES = 16L << 20;

    private final GatewayConfig config;
    private final Clock clock;
    private final DetectionEngine engine;
    private final Outbox outbox;
    private final Uplink uplink;
    private final MalformedInputLog malformed = new MalformedInputLog();
    private final DetectionWorker worker;
    private final CollarSubscriber subscriber;
    private final Watchdog watchdog;
    private final Consumer<String> onStuck;
    private final Optional<CensusTask> census;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gateway-timer");
        t.setDaemon(true);
        return t;
    });
    private volatile Optional<String> stuck = Optional.empty();
    private final HubHealth health;
    private volatile HubHealth.Verdict verdict = HubHealth.Verdict.STARTING;
    private boolean started;
    private Optional<StatusServer> statusServer = Optional.empty();

    /** Alerts and the hourly census go to the collector over HTTP; the outbox is on disk. */
    public Gateway(GatewayConfig config, Clock clock) {
        this(config, clock, collectorClient(config));
    }

    private Gateway(GatewayConfig config, Clock clock, HttpCollectorClient collector) {
        this(config, clock, new FileOutbox(config.outboxDir(), config.outboxMaxAlerts()), collector, collector,
                reason -> { });
    }

    /** Sends no census (see {@link #Gateway(GatewayConfig, Clock, Outbox, CollectorClient, CensusClient, Consumer)}). */
    public Gateway(GatewayConfig config, Clock clock, Outbox outbox, CollectorClient collector) {
        this(config, clock, outbox, collector, reason -> { });
    }

    /**
     * Sends no census: only alerts go to {@code collector}. For the hourly census, see
     * {@link #Gateway(GatewayConfig, Clock, Outbox, CollectorClient, CensusClient, Consumer)}.
     *
     * @param onStuck told once why the watchdog found the gateway stuck; the process should then exit non-zero
     */
    public Gateway(GatewayConfig config, Clock clock, Outbox outbox, CollectorClient collector,
                   Consumer<String> onStuck) {
        this(config, clock, outbox, collector, Optional.empty(), onStuck);
    }

    /**
     * @param census  where the census of the collars heard lately goes, every {@code config.censusInterval()} (the
     *                first one {@link #FIRST_CENSUS} after start)
     * @param onStuck told once why the watchdog found the gateway stuck; the process should then exit non-zero
     */
    public Gateway(GatewayConfig config, Clock clock, Outbox outbox, CollectorClient collector, CensusClient census,
                   Consumer<String> onStuck) {
        this(config, clock, outbox, collector, Optional.of(census), onStuck);
    }

    private Gateway(GatewayConfig config, Clock clock, Outbox outbox, CollectorClient collector,
                    Optional<CensusClient> censusClient, Consumer<String> onStuck) {
        this.config = config;
        this.clock = clock;
        this.onStuck = onStuck;
        this.engine = new DetectionEngine(config.hubId(), config.zone(), config::zoneFor, config::paramsFor, clock);
        this.outbox = outbox;
        this.uplink = new Uplink(outbox, collector, config.hubId(), config.hubModel().orElse(""), clock,
                config.uplinkBatch(), config.uplinkMinBackoff(), config.uplinkMaxBackoff(), Duration.ofSeconds(5));
        TelemetryPipeline pipeline = new TelemetryPipeline(new CollarAdmission(config.pairedCollars(),
                config.maxCollars(), config.collarReclaimAfter()), malformed);
        CollarCensus collars = new CollarCensus();
        AlertRaiser raiser = new AlertRaiser(config.hubId(), outbox, uplink::wakeUp, collars);
        DetectionState state = new DetectionState(engine, pipeline, raiser, collars,
                config.snapshotDir().map(SnapshotStore::new), config.statsInterval(), CHECKPOINT_BYTES);
        this.census = censusClient.map(client -> new CensusTask(collars, client, config.hubId(),
                config.hubModel().orElse(""), clock, config.censusInterval()));
        this.worker = new DetectionWorker(state, malformed, clock, QUEUE_CAPACITY);
        this.subscriber = new CollarSubscriber(config.mqttUrl(), config.mqttClientId(), config.mqttSessionExpiry(),
                config.mqttUsername(), config.mqttPassword(), config.mqttTls(), config.mqttReceiveMaximum(),
                worker::submit, clock);
        this.watchdog = new Watchdog(config.watchdog());
        this.health = new HubHealth(HubHealth.Limits.DEFAULT, clock.millis());
    }

    /** The production client, for alerts and the census alike. */
    static HttpCollectorClient collectorClient(GatewayConfig config) {
        return new HttpCollectorClient(config.collectorUrl(), config.hubId(), config.hubToken(), Duration.ofSeconds(10));
    }

    /**
     * Restores detection state and starts the uplink and timers (once), then connects to the broker; throws if
     * the broker cannot be reached.
     */
    public void start() throws MqttException {
        if (!started) {
            worker.start(); // state from disk first: redelivered batches then count as the duplicates they are
            uplink.start(); // alerts left in the outbox by a previous run go out even while MQTT is down
            long every = config.statsInterval().toSeconds();
            timer.scheduleAtFixedRate(worker::tick, TICK.toSeconds(), TICK.toSeconds(), TimeUnit.SECONDS);
            timer.scheduleAtFixedRate(this::housekeeping, every, every, TimeUnit.SECONDS);
            // A send holds the timer at most the client's timeout; detection and the alert uplink have threads of
            // their own.
            census.ifPresent(task -> timer.scheduleAtFixedRate(task, FIRST_CENSUS.toSeconds(),
                    config.censusInterval().toSeconds(), TimeUnit.SECONDS));
            timer.scheduleAtFixedRate(this::assessHealth, WATCHDOG_EVERY.toMillis(), WATCHDOG_EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
            startStatusServer();
            started = true;
        }
        subscriber.start();
        timer.scheduleAtFixedRate(this::watch, WATCHDOG_EVERY.toMillis(), WATCHDOG_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        Logger.info("Gateway for hub {} started: broker {}, collector {}, zone {}, {} alert(s) pending",
                config.hubId(), config.mqttUrl(), config.collectorUrl(), config.zone(), outbox.size());
    }

    private void startStatusServer() {
        if (config.statusPort() < 0) {
            return;
        }
        try {
            StatusServer server = new StatusServer(config.statusPort(), this::status, this::progress,
                    config.detection().lowActivity().minBaselineDays());
            statusServer = Optional.of(server);
            Logger.info("Status at http://127.0.0.1:{}/status, metrics at /metrics", server.port());
        } catch (IOException e) {
            // Monitoring is not worth stopping detection for.
            Logger.error("Status server could not listen on 127.0.0.1:{}: {}", config.statusPort(), e.getMessage());
        }
    }

    private Map<String, CollarProgress> progress() {
        synchronized (engine) {
            return engine.progress();
        }
    }

    /** The port of /status and /metrics, once started and enabled. */
    public Optional<Integer> statusPort() {
        return statusServer.map(StatusServer::port);
    }

    private void watch() {
        if (stuck.isPresent()) {
            return;
        }
        try {
            Optional<String> verdict = watchdog.check(clock.millis(), new Watchdog.Vitals(worker.alive(),
                    worker.lastProgressMs(), worker.queued(), subscriber.connected(), subscriber.subscribed(),
                    subscriber.sinceMs(), subscriber.connectionLosses(), worker.batches()));
            if (verdict.isPresent()) {
                stuck = verdict;
                Logger.error("Watchdog: the gateway is stuck ({}); it stops so that its service restarts it",
                        verdict.get());
                onStuck.accept(verdict.get());
            }
        } catch (RuntimeException e) {
            Logger.error(e, "Watchdog check failed");
        }
    }

    /** Refreshes the verdict /status and /metrics show; says in the log (the hub's journal) when it changes. */
    private void assessHealth() {
        try {
            HubHealth.Verdict now = health.assess(clock.millis(), new HubHealth.Counters(engine.stats().seqSkipped(),
                    malformed.count(), outbox.dropped(), worker.heldBackMs(), worker.oldestWaitMs()),
                    new HubHealth.Links(subscriber.connected(), subscriber.subscribed(), uplink.lastFailure(), stuck));
            HubHealth.Verdict before = verdict;
            verdict = now;
            if (!now.ok() && !kinds(now).equals(kinds(before))) {
                Logger.warn("Hub DEGRADED: {}", String.join("; ", now.reasons()));
            } else if (now.ok() && !before.ok() && before != HubHealth.Verdict.STARTING) {
                Logger.info("Hub OK again (was DEGRADED: {})", String.join("; ", before.reasons()));
            }
        } catch (RuntimeException e) {
            Logger.error(e, "Health check failed");
        }
    }

    /** The reasons without their counts: a count that grows is not news for the journal, a new reason is. */
    private static java.util.List<String> kinds(HubHealth.Verdict v) {
        return v.reasons().stream().map(r -> r.replaceAll("[0-9]+", "N")).toList();
    }

    /** Takes and sends one census now, as the timer does (nothing without a census client); never throws. */
    void sendCensus() {
        census.ifPresent(CensusTask::run);
    }

    /** Batches detection has taken in since start: a cheap read, for a caller that polls it. */
    public long batchesProcessed() {
        return worker.batches();
    }

    public GatewayStatus status() {
        return new GatewayStatus(subscriber.connected(), subscriber.subscribed(), worker.batches(), worker.queued(),
                malformed.count(), malformed.byReason(), engine.stats(), uplink.pending(), outbox.dropped(),
                uplink.lastSuccessMs(), uplink.lastFailure(), uplink.deadLetters(), uplink.lastDeadLetter(), stuck,
                verdict);
    }

    private void housekeeping() {
        try {
            GatewayStatus s = status();
            Logger.info("Stats ({}): {} batches from {} collars ({} still learning their pet's normal; {} late, {} resent,"
                            + " {} skipped in seq), {} duplicate and {} rejected minutes, dropped payloads {}, {} alerts"
                            + " raised, {} pending upload, {} dropped from a full outbox, {} dead letters",
                    s.health().state(), s.batchesDelivered(), s.detection().collars(), s.detection().warmingUp(), s.detection().lateBatches(),
                    s.detection().duplicateBatches(), s.detection().seqSkipped(), s.detection().minutesDuplicate(),
                    s.detection().minutesRejected(), s.droppedByReason(), s.detection().alertsRaised(),
                    s.pendingAlerts(), s.droppedAlerts(), s.deadLetters());
        } catch (RuntimeException e) {
            Logger.error(e, "Housekeeping failed");
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        statusServer.ifPresent(StatusServer::close);
        subscriber.close();
        worker.close();
        uplink.close();
        housekeeping();
    }
}
