package io.petwatch.sim.mqtt;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttClientReconnector;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.petwatch.proto.v1.CollarStatus;
import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.sim.delivery.Delivery;
import io.petwatch.sim.delivery.LinkStats;
import io.petwatch.sim.metrics.FleetMetrics;
import io.petwatch.sim.metrics.FleetMetrics.Connect;
import io.petwatch.sim.play.PlayLink;
import java.net.URI;
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
 * fast on a wrong address or a refused login. A connection dropped on purpose ({@link #drop}) stays down until
 * {@link #reconnect()}.
 */
public final class CollarConnection implements PlayLink {
    private static final long SESSION_EXPIRY_S = 3600;

    private final BrokerAccess access;
    private final String collarId;
    private final String firmware;
    private final FleetMetrics metrics;
    private final Mqtt5AsyncClient client;
    private final ConnectionStats stats = new ConnectionStats();
    private final Handover handover;
    private final AtomicInteger connects = new AtomicInteger();
    private volatile boolean closed;
    private volatile boolean held; // dropped on purpose: no reconnecting of the client's own
    private volatile boolean up;
    private volatile long attemptStartedNanos; // an attempt of ours under way, timed; 0 for none
    private volatile CompletableFuture<Void> online = new CompletableFuture<>();
    private volatile CompletableFuture<Void> reconnectGate = CompletableFuture.completedFuture(null);
    private volatile int batteryPct;

    /** An anonymous collar with the default reconnect policy. */
    public CollarConnection(URI broker, String collarId, String firmware, int batteryPct) {
        this(broker, collarId, firmware, batteryPct, Optional.empty(), ReconnectPolicy.DEFAULT);
    }

    /** With a password, the collar logs in with its collar id as username (the hub broker's rule). */
    public CollarConnection(URI broker, String collarId, String firmware, int batteryPct, Optional<String> password,
                            ReconnectPolicy reconnect) {
        this(BrokerAccess.plain(broker, reconnect), collarId, firmware, batteryPct, password, new FleetMetrics());
    }

    /** A collar of a measured fleet: its connects, sends and answers go into {@code metrics}. */
    public CollarConnection(BrokerAccess access, String collarId, String firmware, int batteryPct,
                            Optional<String> password, FleetMetrics metrics) {
        this.access = access;
        this.collarId = collarId;
        this.firmware = firmware;
        this.batteryPct = batteryPct;
        this.metrics = metrics;
        this.client = access.builder(collarId, password)
                .willPublish()
                    .topic(statusTopic(collarId))
                    .payload(status(CollarStatus.Connectivity.OFFLINE, firmware, batteryPct).toByteArray())
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .retain(true)
                    .applyWillPublish()
                .addConnectedListener(context -> onConnected())
                .addDisconnectedListener(this::onDisconnected)
                .buildAsync();
        this.handover = new Handover(collarId, metrics, () -> online, connects::get, this::publishRaw);
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
            connectAsync().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** {@link #connect} without waiting; fails with the reason, the collar and the broker named. */
    public CompletableFuture<Void> connectAsync() {
        attemptStartedNanos = System.nanoTime();
        metrics.connectStarted(Connect.FIRST, attemptStartedNanos);
        return connectMessage().send().handle((ack, error) -> {
            if (error != null) {
                throw new CompletionException(new IllegalStateException(collarId + " cannot connect to "
                        + access.broker() + ": " + Outcomes.describe(error), error));
            }
            return ack;
        }).thenCompose(ack -> publishStatus(CollarStatus.Connectivity.ONLINE, firmware, batteryPct))
                .thenApply(published -> null);
    }

    private Mqtt5ConnectBuilder.Send<CompletableFuture<Mqtt5ConnAck>> connectMessage() {
        return client.connectWith().cleanStart(false).sessionExpiryInterval(SESSION_EXPIRY_S).keepAlive(30);
    }

    private void onConnected() {
        if (closed) { // a reconnect that was under way when close() came
            client.disconnect();
            return;
        }
        int connection = connects.incrementAndGet(); // before batches waiting for it go: they belong to this one
        long now = System.nanoTime();
        long started = attemptStartedNanos;
        attemptStartedNanos = 0;
        stats.connected(now);
        up = true;
        metrics.connected(connection == 1 ? Connect.FIRST : started != 0 ? Connect.ASKED : Connect.AUTOMATIC,
                started == 0 ? 0 : now - started, now);
        online.complete(null);
        if (connection > 1) {
            Logger.debug("{} reconnected to {}", collarId, access.broker());
            publishStatus(CollarStatus.Connectivity.ONLINE, firmware, batteryPct).whenComplete((r, e) -> {
                if (e != null) {
                    Logger.warn("{} could not publish ONLINE after reconnecting: {}", collarId, Outcomes.describe(e));
                }
            });
        }
    }

    private void onDisconnected(MqttClientDisconnectedContext context) {
        stats.disconnected(System.nanoTime());
        if (up) {
            up = false;
            metrics.disconnected();
        } else if (context.getSource() != MqttDisconnectSource.USER) {
            metrics.connectFailed();
        }
        if (online.isDone()) {
            online = new CompletableFuture<>();
        }
        if (closed || held || context.getSource() == MqttDisconnectSource.USER || connects.get() == 0) {
            return;
        }
        MqttClientReconnector reconnector = context.getReconnector();
        Duration wait = access.reconnect().delay(reconnector.getAttempts(), ThreadLocalRandom.current());
        if (reconnector.getAttempts() == 0) {
            Logger.debug("{} lost {} ({}); reconnecting in {} ms", collarId, access.broker(),
                    Outcomes.describe(context.getCause()), wait.toMillis());
        }
        // Our own gate rather than reconnector.delay(): close() and drop() can open it early, calling it off.
        reconnectGate = new CompletableFuture<Void>().completeOnTimeout(null, wait.toMillis(), TimeUnit.MILLISECONDS);
        reconnector.republishIfSessionExpired(true).reconnectWhen(reconnectGate, (ignored, error) -> {
            if (closed || held) {
                reconnector.reconnect(false);
            }
        });
    }

    /** Publishes a batch at QoS 1; the future completes when the broker has acknowledged it. */
    public CompletableFuture<Mqtt5PublishResult> publish(TelemetryBatch batch) {
        return publishRaw(batch.toByteArray());
    }

    /**
     * Publishes raw bytes on the collar's telemetry topic at QoS 1. The wall-clock moment of sending goes along as
     * the user property {@code sent-at-ms}, for a subscriber that measures end to end (the batch carries no such
     * field, and the protocol stays as the gateway reads it).
     */
    public CompletableFuture<Mqtt5PublishResult> publishRaw(byte[] payload) {
        return client.publishWith().topic(telemetryTopic(collarId)).qos(MqttQos.AT_LEAST_ONCE).payload(payload)
                .userProperties().add("sent-at-ms", Long.toString(System.currentTimeMillis())).applyUserProperties()
                .send();
    }

    @Override
    public CompletableFuture<Delivery> send(TelemetryBatch batch, Duration deliveryTimeout) {
        batteryPct = batch.getBatteryPct();
        return handover.send(batch.getSeq(), batch.getSamplesCount(), batch.toByteArray(), true, deliveryTimeout);
    }

    @Override
    public CompletableFuture<Delivery> sendRaw(byte[] payload, Duration deliveryTimeout) {
        return handover.send(0, 0, payload, false, deliveryTimeout);
    }

    public CompletableFuture<Mqtt5PublishResult> publishStatus(CollarStatus.Connectivity connectivity, String firmware,
                                                               int batteryPct) {
        return client.publishWith().topic(statusTopic(collarId)).qos(MqttQos.AT_LEAST_ONCE).retain(true)
                .payload(status(connectivity, firmware, batteryPct).toByteArray()).send();
    }

    /** Removes the collar's retained status from the broker (an empty retained message). */
    public CompletableFuture<Mqtt5PublishResult> clearStatus() {
        return client.publishWith().topic(statusTopic(collarId)).qos(MqttQos.AT_LEAST_ONCE).retain(true).send();
    }

    /**
     * Disconnects on purpose and stays down. With {@code will}, the DISCONNECT carries reason code 0x04
     * (disconnect with will message), so the broker publishes the OFFLINE will as for a collar that vanished;
     * without, it is a normal goodbye and the broker discards the will. The session is kept either way.
     */
    @Override
    public CompletableFuture<Void> drop(boolean will) {
        held = true;
        reconnectGate.complete(null); // a reconnect of the client's own waiting out its back-off is called off
        if (!client.getState().isConnected()) {
            return CompletableFuture.completedFuture(null);
        }
        return client.disconnectWith().reasonCode(will ? Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE
                : Mqtt5DisconnectReasonCode.NORMAL_DISCONNECTION).send();
    }

    /** Connects again after {@link #drop}; a failed attempt is retried with back-off, as after any drop. */
    @Override
    public void reconnect() {
        held = false;
        attemptStartedNanos = System.nanoTime();
        metrics.connectStarted(Connect.ASKED, attemptStartedNanos);
        connectMessage().send().whenComplete((ack, error) -> {
            if (error != null) {
                Logger.debug("{} could not reconnect at once: {}", collarId, Outcomes.describe(error));
            }
        });
    }

    @Override
    public LinkStats stats() {
        return stats.snapshot(System.nanoTime());
    }

    /** Says goodbye and ends the session (expiry 0), or, while offline, calls off the reconnecting. */
    public CompletableFuture<Void> closeAsync() {
        stats.closed(System.nanoTime());
        closed = true;
        reconnectGate.complete(null); // a reconnect waiting out its back-off is called off now, not later
        if (!client.getState().isConnected()) {
            return CompletableFuture.completedFuture(null);
        }
        return client.disconnectWith().sessionExpiryInterval(0).send().exceptionally(e -> {
            Logger.debug("{}: no clean goodbye ({})", collarId, Outcomes.describe(e));
            return null;
        });
    }

    @Override
    public void close() {
        try {
            closeAsync().get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Logger.debug("{}: no clean goodbye ({})", collarId, Outcomes.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
