package io.petwatch.gateway.mqtt;

import io.petwatch.gateway.config.BrokerTls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** Builds the socket factory for {@link BrokerTls} from PEM files, with the JDK's own TLS stack. */
public final class TlsSockets {
    private static final char[] NO_PASSWORD = new char[0];

    private TlsSockets() {
    }

    /** The factory for these settings, or empty when TLS is not configured (the JDK default then applies). */
    public static Optional<SSLSocketFactory> factory(BrokerTls tls) {
        if (!tls.configured()) {
            return Optional.empty();
        }
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (tls.caFile().isPresent()) {
                KeyStore cas = KeyStore.getInstance(KeyStore.getDefaultType());
                cas.load(null, null);
                List<Certificate> certificates = certificates(tls.caFile().get(), BrokerTls.CA_FILE);
                for (int i = 0; i < certificates.size(); i++) {
                    cas.setCertificateEntry("ca-" + i, certificates.get(i));
                }
                trust.init(cas);
            } else {
                trust.init((KeyStore) null);
            }
            KeyManagerFactory keys = null;
            if (tls.clientCertificate()) {
                KeyStore own = KeyStore.getInstance(KeyStore.getDefaultType());
                own.load(null, null);
                List<Certificate> chain = certificates(tls.certFile().get(), BrokerTls.CERT_FILE);
                own.setKeyEntry("gateway", privateKey(tls.keyFile().get()), NO_PASSWORD,
                        chain.toArray(Certificate[]::new));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(own, NO_PASSWORD);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return Optional.of(context.getSocketFactory());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot set up TLS to the broker: " + e.getMessage(), e);
        }
    }

    private static List<Certificate> certificates(Path file, String key) throws IOException {
        try {
            List<Certificate> certificates = new ArrayList<>(CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file))));
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException(key + " holds no certificate: " + file);
            }
            return certificates;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(key + " is not a PEM certificate file: " + file + " (" + e.getMessage()
                    + ")", e);
        }
    }

    /** An unencrypted PKCS#8 PEM key ("BEGIN PRIVATE KEY"), RSA or EC. */
    private static PrivateKey privateKey(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN PRIVATE KEY-----";
        int start = pem.indexOf(begin);
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException(BrokerTls.KEY_FILE + " must be an unencrypted PKCS#8 PEM key (BEGIN"
                    + " PRIVATE KEY); convert one with: openssl pkcs8 -topk8 -nocrypt -in KEY -out " + file);
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(start + begin.length(), end));
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException(BrokerTls.KEY_FILE + " holds a key that is neither RSA, EC nor Ed25519: "
                + file);
    }
}
