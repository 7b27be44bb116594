package io.petwatch.gateway.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * TLS to the hub broker: the CA that signed the broker's certificate and, where the broker asks for one
 * ({@code require_certificate true}), the gateway's own certificate and PKCS#8 key, all as PEM files. Used only with
 * an {@code ssl://} broker URL; without a CA file the JDK's trusted roots apply.
 */
public record BrokerTls(Optional<Path> caFile, Optional<Path> certFile, Optional<Path> keyFile) {
    public static final String CA_FILE = "petwatch.mqtt.tls.ca-file";
    public static final String CERT_FILE = "petwatch.mqtt.tls.cert-file";
    public static final String KEY_FILE = "petwatch.mqtt.tls.key-file";

    public static BrokerTls none() {
        return new BrokerTls(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Reads and checks the TLS keys: files exist, cert and key come together, and only with ssl:// URLs. */
    static BrokerTls from(ConfigSource source, String mqttUrl) {
        BrokerTls tls = new BrokerTls(file(source, CA_FILE), file(source, CERT_FILE), file(source, KEY_FILE));
        if (tls.certFile.isPresent() != tls.keyFile.isPresent()) {
            throw new IllegalArgumentException(CERT_FILE + " and " + KEY_FILE + " must be set together");
        }
        if (tls.configured() && !mqttUrl.startsWith("ssl://")) {
            throw new IllegalArgumentException("petwatch.mqtt.tls.* is set but petwatch.mqtt.url '" + mqttUrl
                    + "' is not an ssl:// URL");
        }
        return tls;
    }

    private static Optional<Path> file(ConfigSource source, String key) {
        Optional<Path> path = source.get(key).map(Path::of);
        path.ifPresent(p -> {
            if (!Files.isReadable(p)) {
                throw new IllegalArgumentException(key + " names a file that cannot be read: " + p);
            }
        });
        return path;
    }

    public boolean configured() {
        return caFile.isPresent() || certFile.isPresent();
    }

    public boolean clientCertificate() {
        return certFile.isPresent();
    }
}
