package io.petwatch.demo.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * The chaos run in its brief form (bench/chaos.sh --brief) against this machine's PostgreSQL: the shipped hub broker
 * config, the packaged gateway, simulator and collector; gateway kill -9s, a graceful and a kill -9 broker restart
 * with batches queued, the collector stopped, a poison collar and junk collars. Every batch the broker acknowledged
 * is processed or lost inside its stated window, and the alerts equal a fault-free run's.
 */
class ChaosIT {
    private static final String DB = System.getProperty("petwatch.it.db.url", "jdbc:postgresql://127.0.0.1:5432/test");

    @Test
    void aHubUnderFaultsLosesNothingOutsideTheBrokersWindowAndRaisesTheSameAlerts() throws Exception {
        java.net.URI db = java.net.URI.create(DB.substring("jdbc:".length()));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(db.getHost(), db.getPort()), 2000);
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL is not reachable at " + db + " (.ci/run starts it)", e);
        }
        int days = 12;
        ChaosSettings settings = new ChaosSettings(Path.of("../hub"),
                Path.of("../../edge-gateway/target/petwatch-edge-gateway.jar"),
                Path.of("../../firmware-sim/target/petwatch-firmware-sim.jar"),
                Path.of(System.getProperty("petwatch.collector.jar", "../../collector/target/quarkus-app/quarkus-run.jar")),
                Files.createDirectories(Path.of("target", "chaos-it", Long.toString(System.currentTimeMillis()))), DB,
                "postgres", "", 12, days, 120, 42,
                Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(days)), "collar-024");
        ByteArrayOutputStream report = new ByteArrayOutputStream();

        ChaosVerdict verdict = ChaosMain.run(settings, FaultPlan.brief(), new PrintStream(report, true,
                StandardCharsets.UTF_8));

        String printed = report.toString(StandardCharsets.UTF_8);
        System.out.print(printed);
        RunResult chaos = verdict.chaos();
        assertEquals(4, chaos.gatewayKills(), printed);
        assertEquals(2, chaos.brokerRestarts(), printed);
        assertEquals(chaos.published(), chaos.processed() + chaos.lostInWindow(), "every acknowledged batch processed"
                + " or lost in the window\n" + printed);
        assertTrue(chaos.lostInWindow() <= chaos.lossBound() && chaos.lostSpanSeconds() <= chaos.windowSeconds(),
                "losses only inside the broker's stated window\n" + printed);
        assertTrue(verdict.expected() > 0, "the fleet's sick pets alerted\n" + printed);
        assertEquals(verdict.expected(), verdict.identical(), printed);
        assertEquals(0, verdict.extra(), printed);
        assertEquals(0, verdict.stuck(), printed);
        assertEquals(verdict.clean().knownTracked() + 1, chaos.knownTracked(), "junk displaced no known collar\n"
                + printed);
        assertTrue(chaos.poison().startsWith("BATTERY_LOW FIRING stored"), "the poison collar's alert, its firmware"
                + " cleaned at the hub, was stored and held nothing up\n" + printed);
        assertTrue(chaos.lastDeadLetter().contains("junk-flat"), "the unknown collar's alert is a dead letter\n"
                + printed);
        assertTrue(verdict.passed(), printed);
        assertTrue(printed.strip().endsWith(verdict.line()), printed);
    }
}
