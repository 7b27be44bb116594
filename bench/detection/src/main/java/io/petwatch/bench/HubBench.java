package io.petwatch.bench;

import io.petwatch.gateway.Gateway;
import io.petwatch.gateway.config.ConfigSource;
import io.petwatch.gateway.config.GatewayConfig;
import io.petwatch.gateway.outbox.FileOutbox;
import io.petwatch.proto.v1.AlertBatchResult;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Hub benches against a real broker (default the local Mosquitto).
 *
 * <p>{@code ingest}: the same closed-loop publisher feeds first a bare Paho MQTT 5 subscriber that only counts,
 * then the gateway (detectors and file outbox on); the publisher never runs more than a window ahead of what the
 * subscriber has received, so the broker drops nothing and the rate is what the subscriber sustains.
 *
 * <p>{@code footprint}: the gateway as its own process with {@code -Xmx64m}; start-up to subscribed, then 50
 * collars with a month of history each at one batch per collar per minute, CPU and RSS read from /proc.
 */
public final class HubBench {
    static final int WINDOW = Integer.getInteger("window", 500);

    private HubBench() {
    }

    public static void main(String[] args) throws Exception {
        String broker = System.getProperty("broker", "tcp://127.0.0.1:1883");
        String mode = args.length > 0 ? args[0] : "ingest";
        int status = 0;
        try {
            if (mode.equals("ingest")) {
                ingest(broker, args.length > 1 ? Integer.parseInt(args[1]) : 30_000,
                        args.length > 2 ? Integer.parseInt(args[2]) : 60);
            } else {
                Footprint.run(broker, args.length > 1 ? Integer.parseInt(args[1]) : 180);
            }
        } catch (Exception e) {
            System.err.println("bench failed: " + e);
            status = 1;
        }
        System.exit(status); // MQTT client threads must not keep a finished bench alive
    }



    private static void ingest(String broker, int messages, int samplesPerBatch) throws Exception {
        Fleet fleet = new Fleet(50, samplesPerBatch);
        List<byte[]> payloads = new ArrayList<>(messages);
        for (int i = 0; i < messages; i++) {
            payloads.add(fleet.batch(i % fleet.collars(), i / fleet.collars()));
        }
        AtomicLong bare = new AtomicLong();
        MqttClient counter = subscriber(broker, "bench-bare-" + System.nanoTime(), bare);
        double bareRate = publish(broker, payloads, bare::get);
        counter.disconnect();
        counter.close();

        Path dir = Files.createTempDirectory("petwatch-bench");
        GatewayConfig config = GatewayConfig.from(ConfigSource.of(Map.of("petwatch.hub.id", "bench",
                "petwatch.hub.token", "x", "petwatch.mqtt.url", broker, "petwatch.mqtt.client-id",
                "bench-gw-" + System.nanoTime(), "petwatch.mqtt.session-expiry-s", "0", "petwatch.zone", "UTC",
                "petwatch.snapshot.dir", dir.resolve("snap").toString(), "petwatch.status.port", "-1")));
        try (Gateway gateway = new Gateway(config, Clock.systemUTC(), new FileOutbox(dir.resolve("outbox")),
                batch -> AlertBatchResult.getDefaultInstance())) {
            gateway.start();
            double gatewayRate = publish(broker, payloads, gateway::batchesProcessed);
            // The report is this command's output.
            System.out.printf("bare Paho subscriber: %.0f batches/s (%.0f samples/s)%n", bareRate,
                    bareRate * samplesPerBatch);
            System.out.printf("gateway (detectors, outbox): %.0f batches/s (%.0f samples/s)%n", gatewayRate,
                    gatewayRate * samplesPerBatch);
            System.out.printf("ratio: %.2f (target >= 0.85); %d batches of %d samples (%d bytes each), 50 collars,"
                    + " window %d%n", gatewayRate / bareRate, messages, samplesPerBatch, payloads.get(0).length, WINDOW);
        }
    }

    static MqttClient subscriber(String broker, String id, AtomicLong count) throws MqttException {
        MqttClient client = new MqttClient(broker, id, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                count.incrementAndGet();
            }

            @Override
            public void disconnected(MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void deliveryComplete(IMqttToken t) {
            }

            @Override
            public void connectComplete(boolean reconnect, String uri) {
            }

            @Override
            public void authPacketArrived(int code, MqttProperties p) {
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options);
        client.subscribe("petwatch/v1/collars/+/telemetry", 1);
        return client;
    }

    /** Publishes every payload at QoS 1, never more than WINDOW ahead of {@code received}; returns received/s. */
    static double publish(String broker, List<byte[]> payloads, LongSupplier received) throws Exception {
        MqttAsyncClient publisher = new MqttAsyncClient(broker, "bench-pub-" + System.nanoTime(),
                new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setReceiveMaximum(WINDOW);
        publisher.connect(options).waitForCompletion();
        long base = received.getAsLong();
        long began = System.nanoTime();
        for (int i = 0; i < payloads.size(); i++) {
            while (i - (received.getAsLong() - base) >= WINDOW) {
                // Park, not spin: on two cores a spinning publisher takes a core from the broker and the subscriber.
                LockSupport.parkNanos(20_000);
            }
            MqttMessage message = new MqttMessage(payloads.get(i));
            message.setQos(1);
            publishWhenThereIsRoom(publisher, Fleet.topic(i % 50), message);
        }
        while (received.getAsLong() - base < payloads.size()) {
            if (System.nanoTime() - began > 300_000_000_000L) {
                throw new IllegalStateException("subscriber received " + (received.getAsLong() - base) + " of "
                        + payloads.size() + " in 300 s");
            }
            Thread.sleep(1);
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        publisher.disconnect().waitForCompletion();
        publisher.close();
        return payloads.size() / seconds;
    }

    /** The client may hold only so many unacknowledged publishes (the broker's receive maximum): wait for room. */
    static void publishWhenThereIsRoom(MqttAsyncClient client, String topic, MqttMessage message) throws Exception {
        while (true) {
            try {
                client.publish(topic, message);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                    throw e;
                }
                LockSupport.parkNanos(20_000);
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
