package io.petwatch.sim.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttClientReconnector;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.petwatch.proto.v1.CollarStatus;
import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.sim.delivery.CollarLink;
import io.petwatch.sim.delivery.Delivery;
import io.petwatch.sim.delivery.LinkStats;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.tinylog.Logger;

/**
 * One collar's MQTT 5 connection, as the firmware holds it: a retained ONLINE status on every connect and a will
 * that publishes OFFLINE if the collar drops off without saying goodbye.
 *
 * <p>The session is persistent (never a clean start, an hour's session expiry), and a dropped
 * connection comes back on its own with jittered back-off ({@link ReconnectPolicy}). The HiveMQ client then re-sends
 * the QoS 1 publishes the broker had not acknowledged, and sends those queued while offline. Should the broker have
 * lost the session (a broker without persistence), they are re-sent as new publishes rather than failed: duplicates
 * are part of the device contract, silent gaps are not. A first connection that fails is not retried: a run fails
 * fast on a wrong address or a refused login.
 */
public final class CollarConnection implements CollarLink {
    private static final long SESSION_EXPIRY_S = 3600;

    private final URI broker;
    private final String collarId;
    private final String firmware;
    private final ReconnectPolicy reconnect;
    private final Mqtt5AsyncClient client;
    private final ConnectionStats stats = new ConnectionStats();
    private volatile boolean closed;
    private final AtomicInteger connects = new AtomicInteger();
    private volatile CompletableFuture<Void> online = new CompletableFuture<>();
    private volatile CompletableFuture<Void> reconnectGate = CompletableFuture.completedFuture(null);
    private volatile int batteryPct;
    private CompletableFuture<Void> previousHandOver = CompletableFuture.completedFuture(null);

    /** An anonymous collar with the default reconnect policy. */
    public CollarConnection(URI broker, String collarId, String firmware, int batteryPct) {
        this(broker, collarId, firmware, batteryPct, Optional.empty(), ReconnectPolicy.DEFAULT);
    }

    /** With a password, the collar logs in with its collar id as username (the hub broker's rule). */
    public CollarConnection(URI broker, String collarId, String firmware, int batteryPct, Optional<String> password,
                            ReconnectPolicy reconnect) {
        this.broker = broker;
        this.collarId = collarId;
        this.firmware = firmware;
        this.batteryPct = batteryPct;
        this.reconnect = reconnect;
        Mqtt5ClientBuilder builder = MqttClient.builder()
                .useMqttVersion5()
                .identifier("collar-sim-" + collarId)
                .serverHost(broker.getHost())
                .serverPort(broker.getPort())
                .willPublish()
                    .topic(statusTopic(collarId))
                    .payload(status(CollarStatus.Connectivity.OFFLINE, firmware, batteryPct).toByteArray())
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .retain(true)
                    .applyWillPublish()
                .addConnectedListener(context -> onConnected())
                .addDisconnectedListener(this::onDisconnected);
        // Set on the client, not the CONNECT, so that every reconnect logs in again.
        password.ifPresent(p -> builder.simpleAuth().username(collarId).password(p.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth());
        this.client = builder.buildAsync();
    }

    public static String telemetryTopic(String collarId) {
        return "petwatch/v1/collars/" + collarId + "/telemetry";
    }

    public static String statusTopic(String collarId) {
        return "petwatch/v1/collars/" + collarId + "/status";
    }

    @Override
    public String collarId() {
        return collarId;
    }

    private CollarStatus status(CollarStatus.Connectivity connectivity, String firmware, int battery) {
        return CollarStatus.newBuilder().setCollarId(collarId).setConnectivity(connectivity).setFirmware(firmware)
                .setBatteryPct(battery).setAtMs(System.currentTimeMillis()).build();
    }

    /**
     * Connects and publishes the retained ONLINE status. Clean start is off even the first time: Mosquitto saves
     * across its own restart only sessions whose CONNECT had clean start 0. A session left by an earlier run is
     * harmless to resume: a collar subscribes to nothing, and a QoS 1 publish leaves no state on the broker.
     */
    public void connect(String firmware, int batteryPct) {
        this.batteryPct = batteryPct;
        try {
            client.connectWith().cleanStart(false).sessionExpiryInterval(SESSION_EXPIRY_S).keepAlive(30).send().join();
        } catch (CompletionException e) {
            throw new IllegalStateException(collarId + " cannot connect to " + broker + ": "
                    + Outcomes.describe(e.getCause()), e);
        }
        publishStatus(CollarStatus.Connectivity.ONLINE, firmware, batteryPct).join();
    }

    private void onConnected() {
        if (closed) { // a reconnect that was under way when close() came
            client.disconnect();
            return;
        }
        int connection = connects.incrementAndGet(); // before batches waiting for it go: they belong to this one
        stats.connected(System.nanoTime());
        online.complete(null);
        if (connection > 1) {
            Logger.debug("{} reconnected to {}", collarId, broker);
            publishStatus(CollarStatus.Connectivity.ONLINE, firmware, batteryPct).whenComplete((r, e) -> {
                if (e != null) {
                    Logger.warn("{} could not publish ONLINE after reconnecting: {}", collarId, Outcomes.describe(e));
                }
            });
        }
    }

    private void onDisconnected(MqttClientDisconnectedContext context) {
        stats.disconnected(System.nanoTime());
        if (online.isDone()) {
            online = new CompletableFuture<>();
        }
        if (closed || context.getSource() == MqttDisconnectSource.USER || connects.get() == 0) {
            return;
        }
        MqttClientReconnector reconnector = context.getReconnector();
        Duration wait = reconnect.delay(reconnector.getAttempts(), ThreadLocalRandom.current());
        if (reconnector.getAttempts() == 0) {
            Logger.debug("{} lost {} ({}); reconnecting in {} ms", collarId, broker,
                    Outcomes.describe(context.getCause()), wait.toMillis());
        }
        // Our own gate rather than reconnector.delay(): close() can open it early, and the reconnect is then called off.
        reconnectGate = new CompletableFuture<Void>().completeOnTimeout(null, wait.toMillis(), TimeUnit.MILLISECONDS);
        reconnector.republishIfSessionExpired(true).reconnectWhen(reconnectGate, (ignored, error) -> {
            if (closed) {
                reconnector.reconnect(false);
            }
        });
    }

    /** Publishes a batch at QoS 1; the future completes when the broker has acknowledged it. */
    public CompletableFuture<Mqtt5PublishResult> publish(TelemetryBatch batch) {
        return publishRaw(batch.toByteArray());
    }

    /** Publishes raw bytes on the collar's telemetry topic, for tests of bad firmware. */
    public CompletableFuture<Mqtt5PublishResult> publishRaw(byte[] payload) {
        return client.publishWith().topic(telemetryTopic(collarId)).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send();
    }

    @Override
    public synchronized CompletableFuture<Delivery> send(TelemetryBatch batch, Duration deliveryTimeout) {
        batteryPct = batch.getBatteryPct();
        // Decided once: handed over when the collar is online and the batch before it has been dealt with, or
        // given up at the deadline. Chaining keeps a collar's batches in seq order through an outage.
        CompletableFuture<Boolean> handedOver = previousHandOver.thenCompose(previous -> online)
                .thenApply(connected -> true)
                .completeOnTimeout(false, deliveryTimeout.toMillis(), TimeUnit.MILLISECONDS);
        previousHandOver = handedOver.thenApply(decided -> null);
        return handedOver.thenCompose(inTime -> {
            if (!inTime) {
                return CompletableFuture.completedFuture(Delivery.undelivered(collarId, batch.getSeq(),
                        batch.getSamplesCount(), Delivery.Status.NOT_SENT, "not sent: collar offline for the whole "
                                + deliveryTimeout.toSeconds() + " s delivery timeout"));
            }
            int connection = connects.get();
            return publish(batch).handle((result, error) -> Outcomes.of(collarId, batch, result, error,
                    connects.get() != connection));
        });
    }

    public CompletableFuture<Mqtt5PublishResult> publishStatus(CollarStatus.Connectivity connectivity, String firmware,
                                                               int batteryPct) {
        return client.publishWith().topic(statusTopic(collarId)).qos(MqttQos.AT_LEAST_ONCE).retain(true)
                .payload(status(connectivity, firmware, batteryPct).toByteArray()).send();
    }

    @Override
    public LinkStats stats() {
        return stats.snapshot(System.nanoTime());
    }

    /** Says goodbye and ends the session (expiry 0), or, while offline, calls off the reconnecting. */
    @Override
    public void close() {
        stats.closed(System.nanoTime());
        closed = true;
        reconnectGate.complete(null); // a reconnect waiting out its back-off is called off now, not later
        if (client.getState().isConnected()) {
            try {
                client.disconnectWith().sessionExpiryInterval(0).send().get(5, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                Logger.debug("{}: no clean goodbye ({})", collarId, Outcomes.describe(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
