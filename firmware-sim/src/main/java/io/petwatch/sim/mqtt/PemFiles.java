package io.petwatch.sim.mqtt;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** Trust and key managers from PEM files, read with Bouncy Castle (PKCS#8 and PKCS#1 keys, RSA or EC). */
final class PemFiles {
    private static final char[] NO_PASSWORD = new char[0];

    private PemFiles() {
    }

    /** Trusts the certificates in {@code caFile} and no others. */
    static TrustManagerFactory trust(Path caFile) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            List<X509Certificate> cas = certificates(caFile, "--tls-ca");
            for (int i = 0; i < cas.size(); i++) {
                store.setCertificateEntry("ca-" + i, cas.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            return trust;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot use --tls-ca " + caFile + ": " + e.getMessage(), e);
        }
    }

    /** Presents the certificate chain in {@code certFile} with the key in {@code keyFile}. */
    static KeyManagerFactory keys(Path certFile, Path keyFile) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setKeyEntry("collar", privateKey(keyFile), NO_PASSWORD,
                    certificates(certFile, "--tls-cert").toArray(X509Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, NO_PASSWORD);
            return keys;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot use --tls-cert " + certFile + " with --tls-key " + keyFile
                    + ": " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> certificates(Path file, String option)
            throws IOException, GeneralSecurityException {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (Reader reader = Files.newBufferedReader(file); PEMParser pem = new PEMParser(reader)) {
            for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
                if (o instanceof X509CertificateHolder holder) {
                    certificates.add(converter.getCertificate(holder));
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(option + " " + file + " holds no PEM certificate");
        }
        return certificates;
    }

    private static PrivateKey privateKey(Path file) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (Reader reader = Files.newBufferedReader(file); PEMParser pem = new PEMParser(reader)) {
            for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
                if (o instanceof PrivateKeyInfo pkcs8) {
                    return converter.getPrivateKey(pkcs8);
                }
                if (o instanceof PEMKeyPair pkcs1) {
                    return converter.getKeyPair(pkcs1).getPrivate();
                }
            }
        }
        throw new IllegalArgumentException("--tls-key " + file + " holds no unencrypted PEM private key (an"
                + " encrypted one can be decrypted with: openssl pkcs8 -topk8 -nocrypt -in KEY -out PLAIN)");
    }
}
