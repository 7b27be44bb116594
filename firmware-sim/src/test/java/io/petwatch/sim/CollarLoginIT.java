package io.petwatch.sim;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.petwatch.gateway.TestBroker;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Collars logging in to a broker that, like the hub's, wants a login from everyone and lets a collar publish only
 * where its ACL says: here collar-002 may keep its status but not publish telemetry.
 */
class CollarLoginIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestBroker hubLikeBroker(Path dir) throws IOException, InterruptedException {
        Path passwd = dir.resolve("passwd");
        addLogin(passwd, "petwatch-gateway", "gw-pass", true);
        addLogin(passwd, "collar-001", "pass-001", false);
        addLogin(passwd, "collar-002", "pass-002", false);
        Files.write(dir.resolve("acl"), List.of(
                "pattern readwrite petwatch/v1/collars/%u/status",
                "user petwatch-gateway",
                "topic read petwatch/v1/collars/#",
                "user collar-001",
                "topic write petwatch/v1/collars/collar-001/telemetry"));
        return TestBroker.start(dir, List.of("listener {port} 127.0.0.1", "allow_anonymous false",
                "password_file {dir}/passwd", "acl_file {dir}/acl"));
    }

    private static void addLogin(Path passwd, String user, String password, boolean create)
            throws IOException, InterruptedException {
        List<String> command = create ? List.of("mosquitto_passwd", "-c", "-b", passwd.toString(), user, password)
                : List.of("mosquitto_passwd", "-b", passwd.toString(), user, password);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0,
                "mosquitto_passwd failed: " + new String(p.getInputStream().readAllBytes()));
    }

    private static int simulate(StringWriter err, String... args) {
        CommandLine cli = SimMain.commandLine();
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static String[] args(TestBroker broker, Path credentials, Path report) {
        return new String[] {"--broker", broker.url(), "--collars", "2", "--days", "1", "--batch-minutes", "240",
                "--start", "2026-05-04T00:00:00Z", "--scenario", "healthy", "--rate", "50", "--delivery-timeout", "5",
                "--credentials", credentials.toString(), "--report", report.toString()};
    }

    @Test
    void batchesTheBrokerRefusesAreReportedWithItsReasonAndTheRunFails(@TempDir Path dir) throws Exception {
        Path credentials = Files.writeString(dir.resolve("collars.txt"),
                "# the hub's collars\ncollar-001:pass-001\n\ncollar-002:pass-002\n");
        Path report = dir.resolve("report.json");
        try (TestBroker broker = hubLikeBroker(dir);
             TelemetryRecorder gateway = TelemetryRecorder.listen(broker.port(),
                     Optional.of(new String[] {"petwatch-gateway", "gw-pass"}))) {

            int exit = simulate(new StringWriter(), args(broker, credentials, report));

            assertEquals(4, exit, "undelivered batches give exit code 4");
            JsonNode json = JSON.readTree(Files.readString(report));
            assertEquals(6, json.get("published").asLong(), json.toString());
            assertEquals(6, json.get("refused").asLong(), json.toString());
            assertEquals(6, json.get("undeliveredByCollar").get("collar-002").asLong());
            for (JsonNode b : json.get("undeliveredBatches")) {
                assertEquals("collar-002", b.get("collar").asText());
                assertEquals("REFUSED", b.get("status").asText());
                assertTrue(b.get("reason").asText().contains("NOT_AUTHORIZED"), b.toString());
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.seqs("collar-001").size() == 6);
            assertEquals(Set.of("collar-001"), gateway.collarsHeard(), "the refused batches never reached the gateway");
        }
    }

    @Test
    void aWrongPasswordStopsTheRunNamingTheCollar(@TempDir Path dir) throws Exception {
        Path credentials = Files.writeString(dir.resolve("collars.txt"), "collar-001:pass-001\ncollar-002:wrong\n");
        try (TestBroker broker = hubLikeBroker(dir)) {
            StringWriter err = new StringWriter();

            int exit = simulate(err, args(broker, credentials, dir.resolve("report.json")));

            assertEquals(1, exit);
            assertTrue(err.toString().contains("collar-002 cannot connect") && err.toString().contains("refused"),
                    err.toString());
            assertTrue(!err.toString().contains("wrong"), "the password stays out of the message: " + err);
        }
    }

    @Test
    void aCollarMissingFromTheCredentialsIsNamedBeforeAnyConnects(@TempDir Path dir) throws Exception {
        Path credentials = Files.writeString(dir.resolve("collars.txt"), "collar-001:pass-001\n");
        try (TestBroker broker = hubLikeBroker(dir)) {
            StringWriter err = new StringWriter();

            int exit = simulate(err, args(broker, credentials, dir.resolve("report.json")));

            assertEquals(1, exit);
            assertTrue(err.toString().contains("have no password in " + credentials + ": collar-002"), err.toString());
            Path log = dir.resolve("mosquitto.log");
            try (TelemetryRecorder control = TelemetryRecorder.listen(broker.port(),
                    Optional.of(new String[] {"petwatch-gateway", "gw-pass"}))) {
                await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(log).contains("it-recorder-"));
            }
            assertTrue(!Files.readString(log).contains("collar-sim-"), "the broker logs its clients, and no collar"
                    + " connected:\n" + Files.readString(log));
        }
    }
}
