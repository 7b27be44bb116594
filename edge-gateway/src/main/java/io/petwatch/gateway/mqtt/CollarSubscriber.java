package io.petwatch.gateway.mqtt;

import com.google.protobuf.InvalidProtocolBufferException;
import io.petwatch.gateway.config.BrokerTls;
import io.petwatch.proto.v1.CollarStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicLong;
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
 * Subscribes to every collar on the hub's broker (MQTT 5, QoS 1) and hands decoded batches on.
 *
 * <p>The session is persistent (clean start off, a day of session expiry by default), so batches published while the
 * gateway restarts wait on the broker. A batch is acknowledged only after the handler returns, so a crash
 * mid-batch means redelivery, which detection absorbs as duplicate minutes.
 */
public final class CollarSubscriber implements AutoCloseable {
    private final MqttClient client;
    private final MqttConnectionOptions options;
    private final TelemetryPipeline pipeline;
    private final Consumer<CollarStatus> statusHandler;
    private final MalformedInputLog malformed;
    private final AtomicLong batchesDelivered = new AtomicLong();

    public CollarSubscriber(String brokerUrl, String clientId, Duration sessionExpiry, Optional<String> username,
                            Optional<String> password, BrokerTls tls, TelemetryPipeline pipeline, Consumer<CollarStatus> statusHandler,
                            MalformedInputLog malformed) {
        this.pipeline = pipeline;
        this.statusHandler = statusHandler;
        this.malformed = malformed;
        try {
            this.client = new MqttClient(brokerUrl, clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("cannot create MQTT client for '" + brokerUrl + "': " + e.getMessage(), e);
        }
        this.options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(sessionExpiry.toSeconds());
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
        client.setCallback(new Callback());
    }

    /** Connects and subscribes; throws with the broker's reason when the first connection fails. */
    public void start() throws MqttException {
        client.connect(options);
        subscribe();
        Logger.info("Subscribed to collars on {}", client.getServerURI());
    }

    private void subscribe() throws MqttException {
        client.subscribe(new String[] {Topics.TELEMETRY_FILTER, Topics.STATUS_FILTER}, new int[] {1, 1});
    }

    public boolean connected() {
        return client.isConnected();
    }

    public long batchesDelivered() {
        return batchesDelivered.get();
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        } catch (MqttException e) {
            Logger.warn("MQTT client did not close cleanly: {}", e.getMessage());
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // Never let an exception escape: Paho would drop the connection for every bad payload.
            try {
                if (topic.endsWith("/status")) {
                    onStatus(topic, message.getPayload());
                    return;
                }
                if (pipeline.accept(topic, message.getPayload())) {
                    batchesDelivered.incrementAndGet();
                }
            } catch (RuntimeException e) {
                Logger.error(e, "Failed to process a message on {}", topic);
            }
        }

        private void onStatus(String topic, byte[] payload) {
            if (payload.length == 0) {
                return; // a cleared retained status
            }
            try {
                CollarStatus status = CollarStatus.parseFrom(payload);
                if (!Topics.collarId(topic).orElse("").equals(status.getCollarId())) {
                    malformed.record(new Decoded.Malformed("topic-mismatch", "status collar_id '"
                            + status.getCollarId() + "' does not match topic '" + topic + "'"));
                    return;
                }
                statusHandler.accept(status);
                Logger.debug("Collar {} is {} (battery {}%)", status.getCollarId(), status.getConnectivity(),
                        status.getBatteryPct());
            } catch (InvalidProtocolBufferException e) {
                malformed.record(new Decoded.Malformed("not-protobuf", "payload on '" + topic
                        + "' is not a CollarStatus: " + e.getMessage()));
            }
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (reconnect) {
                Logger.info("Reconnected to {}", serverUri);
                try {
                    subscribe(); // harmless if the session kept them
                } catch (MqttException e) {
                    Logger.error("Re-subscribing after reconnect failed: {}", e.getMessage());
                }
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
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
