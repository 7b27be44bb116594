package io.petwatch.sim.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientExecutorConfig;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttClientSslConfigBuilder;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * How a run's collars reach the broker: its address (tcp:// or mqtt://; ssl:// or mqtts:// for TLS), TLS
 * material, reconnect policy, and the MQTT client threads they all share.
 */
public final class BrokerAccess {
    /**
     * One set of Netty event loops for every collar of the process, a thread a core: thousands of connections
     * spend most of their time idle, and HiveMQ clients with an equal executor config share one event loop group.
     */
    private static final MqttClientExecutorConfig SHARED_THREADS = MqttClientExecutorConfig.builder()
            .nettyThreads(Math.max(2, Runtime.getRuntime().availableProcessors())).build();

    private final URI broker;
    private final Optional<BrokerTls> tls;
    private final ReconnectPolicy reconnect;
    private final Optional<TrustManagerFactory> trust;
    private final Map<Path, KeyManagerFactory> keys = new ConcurrentHashMap<>();

    /**
     * @param tls TLS settings; empty with an ssl:// or mqtts:// broker means the JDK's roots and no client certificate
     */
    public BrokerAccess(URI broker, Optional<BrokerTls> tls, ReconnectPolicy reconnect) {
        if (broker.getHost() == null || broker.getPort() < 1) {
            throw new IllegalArgumentException("broker must look like tcp://host:port, was '" + broker + "'");
        }
        String scheme = String.valueOf(broker.getScheme());
        boolean secure = scheme.equals("ssl") || scheme.equals("mqtts");
        if (!secure && !scheme.equals("tcp") && !scheme.equals("mqtt")) {
            throw new IllegalArgumentException("broker must be tcp://, mqtt://, ssl:// or mqtts://, was '" + broker + "'");
        }
        if (!secure && tls.isPresent()) {
            throw new IllegalArgumentException("the TLS options need an ssl:// or mqtts:// broker, was '" + broker
                    + "'");
        }
        this.broker = broker;
        this.tls = secure ? Optional.of(tls.orElse(BrokerTls.defaults())) : Optional.empty();
        this.reconnect = reconnect;
        this.trust = this.tls.flatMap(BrokerTls::caFile).map(PemFiles::trust); // a bad CA file fails before connecting
    }

    /** Without TLS. */
    public static BrokerAccess plain(URI broker, ReconnectPolicy reconnect) {
        return new BrokerAccess(broker, Optional.empty(), reconnect);
    }

    public URI broker() {
        return broker;
    }

    public ReconnectPolicy reconnect() {
        return reconnect;
    }

    /** A client for the collar: its client id, the broker, TLS, and with a password its collar id as username. */
    Mqtt5ClientBuilder builder(String collarId, Optional<String> password) {
        Mqtt5ClientBuilder builder = MqttClient.builder()
                .useMqttVersion5()
                .identifier("collar-sim-" + collarId)
                .serverHost(broker.getHost())
                .serverPort(broker.getPort())
                .executorConfig(SHARED_THREADS);
        tls.ifPresent(t -> builder.sslConfig(sslConfig(t, collarId)));
        // Set on the client, not the CONNECT, so that every reconnect logs in again.
        password.ifPresent(p -> builder.simpleAuth().username(collarId).password(p.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth());
        return builder;
    }

    private MqttClientSslConfig sslConfig(BrokerTls t, String collarId) {
        MqttClientSslConfigBuilder ssl = MqttClientSslConfig.builder();
        trust.ifPresent(ssl::trustManagerFactory);
        t.certFor(collarId).ifPresent(cert -> {
            Path key = t.keyFor(collarId).orElseThrow();
            BrokerTls.readable(cert, "--tls-cert");
            BrokerTls.readable(key, "--tls-key");
            ssl.keyManagerFactory(keys.computeIfAbsent(cert, c -> PemFiles.keys(c, key)));
        });
        return ssl.build();
    }

    @Override
    public String toString() {
        return broker + tls.map(t -> t.clientCertificate() ? " (TLS, client certificates)" : " (TLS)").orElse("");
    }
}
