package io.petwatch.gateway;

import io.petwatch.gateway.config.GatewayConfig;
import io.petwatch.gateway.detect.AlertEvent;
import io.petwatch.gateway.detect.CollarBatch;
import io.petwatch.gateway.detect.DetectionEngine;
import io.petwatch.gateway.mqtt.CollarSubscriber;
import io.petwatch.gateway.mqtt.MalformedInputLog;
import io.petwatch.gateway.outbox.FileOutbox;
import io.petwatch.gateway.outbox.Outbox;
import io.petwatch.gateway.uplink.AlertMapper;
import io.petwatch.gateway.uplink.CollectorClient;
import io.petwatch.gateway.uplink.HttpCollectorClient;
import io.petwatch.gateway.uplink.Uplink;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.tinylog.Logger;

/** The edge gateway: collars in over MQTT, detection in event time, alerts out through a durable outbox. */
public final class Gateway implements AutoCloseable {
    private final GatewayConfig config;
    private final DetectionEngine engine;
    private final Outbox outbox;
    private final Uplink uplink;
    private final MalformedInputLog malformed = new MalformedInputLog();
    private final CollarSubscriber subscriber;
    private boolean uplinkStarted;
    private final ScheduledExecutorService statsTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gateway-stats");
        t.setDaemon(true);
        return t;
    });

    public Gateway(GatewayConfig config, Clock clock) {
        this(config, clock, new FileOutbox(config.outboxDir()),
                new HttpCollectorClient(config.collectorUrl(), config.hubId(), config.hubToken(), Duration.ofSeconds(10)));
    }

    public Gateway(GatewayConfig config, Clock clock, Outbox outbox, CollectorClient collector) {
        this.config = config;
        this.engine = new DetectionEngine(config.hubId(), config.zone(), config.lowActivity(), clock);
        this.outbox = outbox;
        this.uplink = new Uplink(outbox, collector, config.hubId(), clock, config.uplinkBatch(),
                config.uplinkMinBackoff(), config.uplinkMaxBackoff(), Duration.ofSeconds(5));
        this.subscriber = new CollarSubscriber(config.mqttUrl(), config.mqttClientId(), config.mqttSessionExpiry(),
                this::onBatch, malformed);
    }

    /** Starts the uplink (once) and connects to the broker; throws if the broker refuses or cannot be reached. */
    public void start() throws MqttException {
        if (!uplinkStarted) {
            uplink.start(); // alerts left in the outbox by a previous run go out even while MQTT is down
            uplinkStarted = true;
        }
        subscriber.start();
        long every = config.statsInterval().toSeconds();
        statsTimer.scheduleAtFixedRate(this::logStats, every, every, TimeUnit.SECONDS);
        Logger.info("Gateway for hub {} started: broker {}, collector {}, zone {}, {} alert(s) pending",
                config.hubId(), config.mqttUrl(), config.collectorUrl(), config.zone(), outbox.size());
    }

    private void onBatch(CollarBatch batch) {
        List<AlertEvent> alerts = engine.ingest(batch);
        for (AlertEvent event : alerts) {
            // On disk before the batch is acknowledged to the broker: an alert is never only in memory.
            outbox.add(AlertMapper.toProto(config.hubId(), event));
            Logger.info("Alert {} {} {} for collar {}: {}", event.kind(), event.state(), event.severity(),
                    event.collarId(), event.summary());
        }
        if (!alerts.isEmpty()) {
            uplink.wakeUp();
        }
    }

    public GatewayStatus status() {
        return new GatewayStatus(subscriber.batchesDelivered(), malformed.count(), engine.stats(), uplink.pending());
    }

    private void logStats() {
        GatewayStatus s = status();
        Logger.info("Stats: {} batches from {} collars ({} late, {} skipped in seq), {} duplicate and {} rejected"
                        + " minutes, {} malformed payloads, {} alerts raised, {} pending upload", s.batchesDelivered(),
                s.detection().collars(), s.detection().lateBatches(), s.detection().seqSkipped(),
                s.detection().minutesDuplicate(), s.detection().minutesRejected(), s.malformedPayloads(),
                s.detection().alertsRaised(), s.pendingAlerts());
    }

    @Override
    public void close() {
        statsTimer.shutdownNow();
        subscriber.close();
        uplink.close();
        logStats();
    }
}
