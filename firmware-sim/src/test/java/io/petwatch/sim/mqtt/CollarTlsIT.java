package io.petwatch.sim.mqtt;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import io.petwatch.gateway.TestBroker;
import io.petwatch.sim.SimMain;
import io.petwatch.sim.TelemetryRecorder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Collars over TLS with certificates of their own, to a Mosquitto of the test's own set up as the hub's TLS
 * listener would be (deploy/hub/mosquitto.conf): a client certificate required, its CN the username, the ACL keyed
 * on it. The CA and broker certificate come from deploy/hub/make-certs.sh; each collar's is signed by that CA.
 */
class CollarTlsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> COLLARS = List.of("collar-001", "collar-002", "collar-003");

    @TempDir
    static Path dir;
    private static Path certs;

    @BeforeAll
    static void certificates() throws Exception {
        certs = dir.resolve("certs");
        Path script = Path.of("..", "deploy", "hub", "make-certs.sh").toAbsolutePath().normalize();
        run(dir, "bash", script.toString(), certs.toString(), "localhost");
        Files.writeString(certs.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        for (String collar : COLLARS) {
            if (collar.equals("collar-003")) { // an EC key in SEC1 form ("BEGIN EC PRIVATE KEY"), as older tools write
                run(certs, "openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", collar + ".key");
                run(certs, "openssl", "req", "-new", "-key", collar + ".key", "-subj", "/CN=" + collar,
                        "-out", collar + ".csr");
            } else { // PKCS#8, as make-certs.sh writes
                run(certs, "openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                        "-subj", "/CN=" + collar, "-keyout", collar + ".key", "-out", collar + ".csr");
            }
            run(certs, "openssl", "x509", "-req", "-in", collar + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                    "-CAcreateserial", "-days", "30", "-sha256", "-extfile", "client.ext", "-out", collar + ".crt");
        }
        run(certs, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-days", "30", "-subj", "/CN=Some other CA", "-keyout", "other-ca.key", "-out", "other-ca.crt");
    }

    private static void run(Path where, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(where.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ":\n" + output);
    }

    private static TestBroker tlsBroker(Path brokerDir) throws IOException {
        Files.createDirectories(brokerDir);
        Files.write(brokerDir.resolve("acl"), List.of(
                "user petwatch-gateway",
                "topic read petwatch/v1/collars/#",
                "pattern write petwatch/v1/collars/%u/telemetry",
                "pattern readwrite petwatch/v1/collars/%u/status"));
        return TestBroker.start(brokerDir, List.of("listener {port} 127.0.0.1",
                "cafile " + certs.resolve("ca.crt"), "certfile " + certs.resolve("broker.crt"),
                "keyfile " + certs.resolve("broker.key"), "require_certificate true", "use_identity_as_username true",
                "allow_anonymous false", "acl_file {dir}/acl"));
    }

    private static int simulate(StringWriter err, TestBroker broker, String scheme, String... tls) {
        List<String> args = new ArrayList<>(List.of("--broker", scheme + "://127.0.0.1:" + broker.port(),
                "--collars", "3", "--days", "1", "--batch-minutes", "240", "--start", "2026-05-04T00:00:00Z",
                "--scenario", "healthy", "--delivery-timeout", "5", "--progress", "0"));
        args.addAll(List.of(tls));
        CommandLine cli = SimMain.commandLine();
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args.toArray(String[]::new));
    }

    @Test
    void collarsPublishOverTlsEachWithItsOwnCertificate(@TempDir Path run) throws Exception {
        Path report = run.resolve("report.json");
        MqttClientSslConfig gatewayTls = MqttClientSslConfig.builder()
                .trustManagerFactory(PemFiles.trust(certs.resolve("ca.crt")))
                .keyManagerFactory(PemFiles.keys(certs.resolve("gateway.crt"), certs.resolve("gateway.key"))).build();
        try (TestBroker broker = tlsBroker(run.resolve("broker"));
             TelemetryRecorder gateway = TelemetryRecorder.listen(TelemetryRecorder.client(broker.port())
                     .sslConfig(gatewayTls))) {
            StringWriter err = new StringWriter();

            int exit = simulate(err, broker, "ssl", "--tls-ca", certs.resolve("ca.crt").toString(),
                    "--tls-cert", certs.resolve("{collar}.crt").toString(),
                    "--tls-key", certs.resolve("{collar}.key").toString(), "--report", report.toString());

            assertEquals(0, exit, err.toString());
            JsonNode json = JSON.readTree(Files.readString(report));
            assertEquals(18, json.get("published").asLong(), "the ACL let each collar write as itself: " + json);
            await().atMost(Duration.ofSeconds(10)).until(() -> COLLARS.stream()
                    .allMatch(c -> gateway.seqs(c).size() == 6));
            for (String collar : COLLARS) {
                assertEquals(Set.of(1L, 2L, 3L, 4L, 5L, 6L), gateway.seqs(collar), collar);
            }
        }
    }

    @Test
    void aCaThatDidNotSignTheBrokersCertificateStopsTheRunSayingSo(@TempDir Path run) throws Exception {
        try (TestBroker broker = tlsBroker(run.resolve("broker"))) {
            StringWriter err = new StringWriter();

            int exit = simulate(err, broker, "mqtts", "--tls-ca", certs.resolve("other-ca.crt").toString(),
                    "--tls-cert", certs.resolve("{collar}.crt").toString(),
                    "--tls-key", certs.resolve("{collar}.key").toString());

            assertEquals(1, exit, err.toString());
            assertTrue(err.toString().contains("collar-001 cannot connect to mqtts://127.0.0.1:" + broker.port()
                    + ": TLS handshake failed: the broker's certificate is not signed by a CA this collar trusts"
                    + " (check --tls-ca)"), err.toString());
        }
    }

    @Test
    void aBrokerThatWantsACertificateRefusesACollarWithoutOne(@TempDir Path run) throws Exception {
        try (TestBroker broker = tlsBroker(run.resolve("broker"))) {
            StringWriter err = new StringWriter();

            int exit = simulate(err, broker, "ssl", "--tls-ca", certs.resolve("ca.crt").toString());

            assertEquals(1, exit, err.toString());
            assertTrue(err.toString().contains("collar-001 cannot connect to ssl://127.0.0.1:" + broker.port()
                    + ": TLS handshake failed: the broker wants a client certificate"), err.toString());
        }
    }

    @Test
    void tlsOptionsWithAPlainBrokerAreAMistake(@TempDir Path run) {
        StringWriter err = new StringWriter();
        CommandLine cli = SimMain.commandLine();
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("--broker", "tcp://127.0.0.1:1", "--collars", "1", "--days", "1", "--scenario", "healthy",
                "--progress", "0",
                "--tls-ca", certs.resolve("ca.crt").toString());

        assertEquals(1, exit);
        assertTrue(err.toString().contains("the TLS options need an ssl:// or mqtts:// broker"), err.toString());
    }
}
