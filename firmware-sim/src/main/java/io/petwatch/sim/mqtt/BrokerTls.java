package io.petwatch.sim.mqtt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * TLS to the broker, as PEM files: the CA that signed the broker's certificate (without it the JDK's trusted roots
 * apply) and, where the broker asks for one ({@code require_certificate true}), the collars' certificate and key.
 * Certificate and key may name each collar's own files with {@code {collar}}, which stands for its collar id
 * (certs/{collar}.crt): the hub broker can then take a collar's identity from its certificate.
 */
public record BrokerTls(Optional<Path> caFile, Optional<String> certFile, Optional<String> keyFile) {
    public static final String COLLAR = "{collar}";

    public BrokerTls {
        if (certFile.isPresent() != keyFile.isPresent()) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        caFile.ifPresent(ca -> readable(ca, "--tls-ca"));
        certFile.filter(f -> !f.contains(COLLAR)).ifPresent(f -> readable(Path.of(f), "--tls-cert"));
        keyFile.filter(f -> !f.contains(COLLAR)).ifPresent(f -> readable(Path.of(f), "--tls-key"));
    }

    /** Only the JDK's trusted roots, no client certificate. */
    public static BrokerTls defaults() {
        return new BrokerTls(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public boolean clientCertificate() {
        return certFile.isPresent();
    }

    /** The collar's certificate file, {@code {collar}} replaced by its id. */
    Optional<Path> certFor(String collarId) {
        return certFile.map(f -> Path.of(f.replace(COLLAR, collarId)));
    }

    Optional<Path> keyFor(String collarId) {
        return keyFile.map(f -> Path.of(f.replace(COLLAR, collarId)));
    }

    static void readable(Path file, String option) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(option + " names a file that cannot be read: " + file);
        }
    }
}
