package io.petwatch.gateway.mqtt;

import io.petwatch.gateway.config.BrokerTls;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.tinylog.Logger;

/**
 * Subscribes to every collar on the hub's broker (MQTT 5, QoS 1) and hands each message on, unacknowledged.
 *
 * <p>The session is persistent (clean start off, a day of session expiry by default), so batches published while the
 * gateway is away wait on the broker. Acknowledgements are manual: the receiver of a {@link Delivery} sends it
 * once the message's effect is durable, so a crash means redelivery, never loss. The callback thread never waits
 * on the client: it only hands messages on (blocking when the receiver is full, which is the back-pressure that
 * stops reading from the broker), and re-subscribing after a reconnect happens on a thread of its own, since a
 * subscribe on the callback thread deadlocks against a full delivery queue (eclipse-paho/paho.mqtt.java#999).
 * The receive maximum bounds what the broker sends ahead of acknowledgements.
 *
 * <p>Paho waits for a reconnect's CONNACK without a timeout (eclipse-paho/paho.mqtt.java#511): a CI run saw a
 * reconnect to a restarted broker open its socket and then wait for good, the broker never having seen a CONNECT.
 * So a watchdog replaces the client with a new one (same id, so the same broker session) once the connection has been
 * down for longer than a healthy retry cycle takes, and again while it stays down.
 */
public final class CollarSubscriber implements AutoCloseable {
    private static final Runnable NO_ACK = () -> { };
    private static final long RESUBSCRIBE_EVERY_MS = 5_000;
    /** Longer than a failed attempt (10 s connection timeout) plus the longest wait before the next (5 s). */
    private static final long STUCK_AFTER_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final long WATCH_EVERY_MS = 5_000;

    private final String brokerUrl;
    private final String clientId;
    private volatile MqttClient client;
    private final MqttConnectionOptions options;
    private final Consumer<Delivery> sink;
    private final Clock clock;
    private final ScheduledExecutorService control = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mqtt-control");
        t.setDaemon(true);
        return t;
    });
    /** System.nanoTime() of the last connect or loss, for the watchdog (elapsed time, not the hub's clock). */
    private volatile long changedNanos = System.nanoTime();
    private volatile boolean replaced;
    /** Bumped on every (re)connect: an acknowledgement for a message of an earlier connection is not sent. */
    private final AtomicInteger epoch = new AtomicInteger();
    private final AtomicLong connectionLosses = new AtomicLong();
    private volatile boolean subscribed;
    private volatile long sinceMs;
    private volatile boolean closed;

    /**
     * @param receiveMaximum most unacknowledged messages the broker may send ahead
     * @param sink           receives every message; may block while it is full
     */
    public CollarSubscriber(String brokerUrl, String clientId, Duration sessionExpiry, Optional<String> username,
                            Optional<String> password, BrokerTls tls, int receiveMaximum, Consumer<Delivery> sink,
                            Clock clock) {
        this.brokerUrl = brokerUrl;
        this.clientId = clientId;
        this.sink = sink;
        this.clock = clock;
        this.sinceMs = clock.millis();
        this.options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(sessionExpiry.toSeconds());
        options.setReceiveMaximum(receiveMaximum);
        options.setAutomaticReconnect(true);
        // The broker runs on the same hub: after it restarts, retry within seconds rather than Paho's default
        // back-off of up to two minutes, during which every collar's batches wait in the broker's queue.
        options.setAutomaticReconnectDelay(1, 5);
        options.setMaxReconnectDelay(5000);
        options.setKeepAliveInterval(30);
        options.setConnectionTimeout(10);
        username.ifPresent(options::setUserName);
        password.ifPresent(p -> options.setPassword(p.getBytes(StandardCharsets.UTF_8)));
        TlsSockets.factory(tls).ifPresent(options::setSocketFactory);
        this.client = newClient();
    }

    private MqttClient newClient() {
        MqttClient c;
        try {
            c = new MqttClient(brokerUrl, clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("cannot create MQTT client for '" + brokerUrl + "': " + e.getMessage(), e);
        }
        c.setManualAcks(true);
        c.setTimeToWait(10_000); // a connect, subscribe or disconnect that gets no answer fails instead of hanging
        c.setCallback(new Callback(c));
        return c;
    }

    /** Connects and subscribes; throws with the broker's reason when the first connection fails. */
    public void start() throws MqttException {
        client.connect(options);
        subscribe();
        Logger.info("Subscribed to collars on {}", client.getServerURI());
        control.scheduleWithFixedDelay(this::watch, WATCH_EVERY_MS, WATCH_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    /** Replaces a client whose connection has stayed down too long (see the class comment); on the control thread. */
    private void watch() {
        if (closed || client.isConnected() || System.nanoTime() - changedNanos < STUCK_AFTER_NANOS) {
            return;
        }
        long downS = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - changedNanos);
        if (!replaced) {
            Logger.warn("No connection to {} for {} s: starting a new MQTT client (a reconnect can wait for ever for"
                    + " the broker's answer)", brokerUrl, downS);
        }
        replaced = true;
        try {
            closeForcibly(client);
            MqttClient fresh = newClient();
            client = fresh;
            try {
                fresh.connect(options);
            } catch (MqttException e) {
                Logger.debug("New MQTT client could not connect yet ({}); trying again", e.getMessage());
                closeForcibly(fresh); // a connect still pending inside it must not linger
                return;
            }
            Logger.info("Connected again to {} with a new MQTT client after {} s", brokerUrl, downS);
            resubscribe(epoch.get());
        } catch (RuntimeException e) {
            // An exception would end the scheduled checks for good.
            Logger.warn(e, "Replacing the MQTT client failed; trying again");
        }
    }

    private static void closeForcibly(MqttClient c) {
        try {
            c.disconnectForcibly(0, 1_000, false);
        } catch (MqttException | RuntimeException e) {
            Logger.debug("Forced disconnect: {}", e.getMessage());
        }
        try {
            c.close(true);
        } catch (MqttException | RuntimeException e) {
            Logger.debug("Forced close: {}", e.getMessage());
        }
    }

    private void subscribe() throws MqttException {
        client.subscribe(new String[] {Topics.TELEMETRY_FILTER, Topics.STATUS_FILTER}, new int[] {1, 1});
        subscribed = true;
        sinceMs = clock.millis();
    }

    /** Runs on its own thread after a reconnect, until subscribed, disconnected or closed. */
    private void resubscribe(int forEpoch) {
        while (!closed && epoch.get() == forEpoch && client.isConnected()) {
            try {
                subscribe(); // harmless when the broker kept the session's subscriptions
                return;
            } catch (MqttException e) {
                Logger.warn("Re-subscribing after reconnect failed ({}); trying again in {} s", e.getMessage(),
                        RESUBSCRIBE_EVERY_MS / 1000);
                try {
                    Thread.sleep(RESUBSCRIBE_EVERY_MS);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    public boolean connected() {
        return client.isConnected();
    }

    /** Connected, and the subscriptions confirmed since. */
    public boolean subscribed() {
        return subscribed && client.isConnected();
    }

    /** Hub clock of the last change of connection or subscription. */
    public long sinceMs() {
        return sinceMs;
    }

    /** Connections lost since start. */
    public long connectionLosses() {
        return connectionLosses.get();
    }

    @Override
    public void close() {
        closed = true;
        control.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        } catch (MqttException e) {
            Logger.warn("MQTT client did not close cleanly: {}", e.getMessage());
        }
        try {
            control.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Runnable ackFor(MqttMessage message) {
        if (message.getQos() == 0) {
            return NO_ACK;
        }
        int id = message.getId();
        int qos = message.getQos();
        int of = epoch.get();
        return () -> {
            if (epoch.get() != of || !client.isConnected()) {
                return; // the broker delivers it again on the new connection
            }
            try {
                client.messageArrivedComplete(id, qos);
            } catch (MqttException e) {
                Logger.warn("Acknowledgement of message {} not sent ({}); the broker will deliver it again", id,
                        e.getMessage());
            }
        };
    }

    /** One client's events; a replaced client's are ignored (the broker delivers again to the new one). */
    private final class Callback implements MqttCallback {
        private final MqttClient owner;

        Callback(MqttClient owner) {
            this.owner = owner;
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (owner == client) {
                sink.accept(new Delivery(topic, message.getPayload(), ackFor(message)));
            }
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (owner != client) {
                return;
            }
            int now = epoch.incrementAndGet();
            changedNanos = System.nanoTime();
            replaced = false;
            sinceMs = clock.millis();
            if (reconnect) {
                subscribed = false;
                Logger.info("Reconnected to {}", serverUri);
                control.execute(() -> resubscribe(now));
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (owner != client) {
                return;
            }
            subscribed = false;
            changedNanos = System.nanoTime();
            sinceMs = clock.millis();
            connectionLosses.incrementAndGet();
            Logger.warn("Disconnected from broker: {}", response.getReasonString());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            Logger.warn("MQTT error: {}", exception.getMessage());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // The gateway publishes nothing.
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // No enhanced authentication in use.
        }
    }
}
