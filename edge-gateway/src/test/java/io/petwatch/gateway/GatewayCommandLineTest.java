package io.petwatch.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's command line as an operator meets it: run as its own process, exit codes and all. */
class GatewayCommandLineTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private Run gateway(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), GatewayMain.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the gateway command did not finish");
        return new Run(p.exitValue(), Files.readString(dir.resolve("out")), Files.readString(dir.resolve("err")));
    }

    @Test
    void helpPrintsTheUsageAndExitsZero() throws Exception {
        Run run = gateway("--help");

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("Usage: petwatch-edge-gateway [--config FILE]"), run.out());
        assertTrue(run.out().contains("replay FILE.csv"), run.out());
    }

    @Test
    void aMisspeltKeyStopsTheGatewayNamingTheClosestOne() throws Exception {
        Path config = Files.writeString(dir.resolve("gateway.properties"),
                "petwatch.hub.id=hub-1\npetwatch.hub.token=t\npetwatch.colector.url=http://127.0.0.1:1\n");

        Run run = gateway("--config", config.toString());

        assertEquals(2, run.exit());
        assertTrue(run.err().contains("unknown setting petwatch.colector.url (did you mean petwatch.collector.url?)"),
                run.err());
    }

    @Test
    void replayWithBadRowsListsThemAndExitsFourKeepingTheGoodRowsOutput() throws Exception {
        StringBuilder csv = new StringBuilder("collar_id,minute_start,activity\n");
        for (int i = 0; i < 10; i++) {
            csv.append("rex,not-a-time,").append(i).append('\n');
        }
        csv.append("rex,2026-03-01T00:00:00Z,12\nrex,2026-03-01T00:01:00Z,14\n");
        Path file = Files.writeString(dir.resolve("rows.csv"), csv);

        Run run = gateway("replay", file.toString());

        assertEquals(4, run.exit(), run.err());
        assertTrue(run.err().contains("Line 2: minute_start 'not-a-time'"), run.err());
        assertTrue(run.err().contains("10 of 12 rows were bad"), run.err());
    }

    @Test
    void replayOfAFileThatIsNotUtf8SaysSoWithoutAStackTrace() throws Exception {
        byte[] latin1 = "collar_id,minute_start,activity\nf\u00e9lix,2026-03-01T00:00:00Z,3\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        Path file = Files.write(dir.resolve("latin1.csv"), latin1);

        Run run = gateway("replay", file.toString());

        assertEquals(1, run.exit(), run.err());
        assertTrue(run.err().contains("the input is not UTF-8 text"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    @Test
    void aConfigFileThatIsNotUtf8SaysSo() throws Exception {
        Path config = Files.write(dir.resolve("gateway.properties"),
                "petwatch.hub.id=h\u00fcb\n".getBytes(StandardCharsets.ISO_8859_1));

        Run run = gateway("--config", config.toString());

        assertEquals(2, run.exit());
        assertTrue(run.err().contains("is not UTF-8 text"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }
}
