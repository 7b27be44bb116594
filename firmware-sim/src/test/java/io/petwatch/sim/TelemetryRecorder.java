package io.petwatch.sim;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.petwatch.proto.v1.CollarStatus;
import io.petwatch.proto.v1.TelemetryBatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Listens to every collar as a gateway would, with a persistent session of its own (so what arrives while it
 * reconnects after a broker restart waits for it), and remembers what arrived: each collar's seqs, whether a seq
 * ever came back with other data (a restarted sequence), and the collar's status messages in order.
 */
public final class TelemetryRecorder implements AutoCloseable {
    private final Mqtt5AsyncClient client;
    private final Map<String, Map<Long, ByteString>> batches = new ConcurrentHashMap<>();
    private final Map<String, List<CollarStatus.Connectivity>> statuses = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();
    private final List<String> conflicts = new CopyOnWriteArrayList<>();
    private final AtomicLong received = new AtomicLong();

    private TelemetryRecorder(Mqtt5AsyncClient client) {
        this.client = client;
    }

    static TelemetryRecorder listen(int port, Optional<String[]> login) {
        Mqtt5ClientBuilder builder = client(port);
        login.ifPresent(l -> builder.simpleAuth().username(l[0]).password(l[1].getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth());
        return listen(builder);
    }

    /** A recorder's client for 127.0.0.1:{@code port}, for a test to add TLS or a login to. */
    public static Mqtt5ClientBuilder client(int port) {
        return MqttClient.builder().useMqttVersion5()
                .identifier("it-recorder-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(port)
                .automaticReconnect().initialDelay(100, TimeUnit.MILLISECONDS).maxDelay(1, TimeUnit.SECONDS)
                .applyAutomaticReconnect();
    }

    /** Listens with the client {@code builder} makes (see {@link #client}). */
    public static TelemetryRecorder listen(Mqtt5ClientBuilder builder) {
        TelemetryRecorder recorder = new TelemetryRecorder(builder.buildAsync());
        recorder.client.publishes(MqttGlobalPublishFilter.ALL, recorder::onPublish);
        // Clean start off: Mosquitto saves only such sessions across a restart.
        recorder.client.connectWith().cleanStart(false).sessionExpiryInterval(3600).send().join();
        recorder.client.subscribeWith().topicFilter("petwatch/v1/collars/#").qos(MqttQos.AT_LEAST_ONCE).send().join();
        return recorder;
    }

    private void onPublish(Mqtt5Publish publish) {
        String[] topic = publish.getTopic().toString().split("/");
        String collar = topic[3];
        try {
            if (topic[4].equals("telemetry")) {
                TelemetryBatch batch = TelemetryBatch.parseFrom(publish.getPayloadAsBytes());
                ByteString before = batches.computeIfAbsent(collar, c -> new ConcurrentHashMap<>())
                        .putIfAbsent(batch.getSeq(), batch.toByteString());
                arrivals.computeIfAbsent(collar, c -> new CopyOnWriteArrayList<>()).add(batch.getSeq());
                if (before != null && !before.equals(batch.toByteString())) {
                    conflicts.add(collar + " seq " + batch.getSeq());
                }
                received.incrementAndGet();
            } else if (!publish.isRetain() || !statuses.containsKey(collar)) {
                statuses.computeIfAbsent(collar, c -> new CopyOnWriteArrayList<>())
                        .add(CollarStatus.parseFrom(publish.getPayloadAsBytes()).getConnectivity());
            }
        } catch (InvalidProtocolBufferException e) {
            conflicts.add(collar + " sent a payload that is not protobuf: " + e.getMessage());
        }
    }

    /** Telemetry messages received, duplicates included. */
    long received() {
        return received.get();
    }

    /** The collar's seqs in the order they arrived, duplicates included. */
    public List<Long> arrivals(String collar) {
        return List.copyOf(arrivals.getOrDefault(collar, List.of()));
    }

    public Set<Long> seqs(String collar) {
        return new TreeSet<>(batches.getOrDefault(collar, Map.of()).keySet());
    }

    Set<String> collarsHeard() {
        return new TreeSet<>(batches.keySet());
    }

    /** Seqs that arrived twice with different data: a sequence that restarted. */
    public List<String> conflicts() {
        return List.copyOf(conflicts);
    }

    public List<CollarStatus.Connectivity> statuses(String collar) {
        return new ArrayList<>(statuses.getOrDefault(collar, List.of()));
    }

    /**
     * Clears the collars' retained statuses: a test on the machine's shared broker leaves nothing behind for the
     * next subscriber to be handed.
     */
    public void forgetStatuses(List<String> collars) {
        for (String collar : collars) {
            client.publishWith().topic("petwatch/v1/collars/" + collar + "/status").retain(true)
                    .qos(MqttQos.AT_LEAST_ONCE).send().join();
        }
    }

    @Override
    public void close() {
        if (client.getState().isConnected()) {
            client.disconnectWith().sessionExpiryInterval(0).send().join();
        }
    }
}
