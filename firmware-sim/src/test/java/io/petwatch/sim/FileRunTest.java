package io.petwatch.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** --scenario-file and --replay from the command line: files written, errors as one message and exit 1. */
class FileRunTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = SimMain.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }

    @Test
    void helpExitsZero() {
        assertEquals(0, run("--help"));
    }

    @Test
    void aScenarioFileWithCsvAndLabelsWritesThemWithoutPublishing() throws Exception {
        Path csv = dir.resolve("rows.csv");
        Path labels = dir.resolve("labels.jsonl");

        int exit = run("--scenario-file", "scenarios/offline-backlog.yaml", "--csv", csv.toString(), "--labels",
                labels.toString(), "--broker", "tcp://127.0.0.1:1");

        assertEquals(0, exit, err.toString());
        assertEquals(15, Files.readAllLines(labels).size(), "three overnight outages and the fleet's hour");
        List<String> rows = Files.readAllLines(csv);
        assertEquals("collar_id,minute_start,activity,steps,wear", rows.get(0));
        assertEquals(12 * 10 * 1440 + 1, rows.size());
    }

    @Test
    void aBadScenarioFileExitsOneWithItsMessageOnly() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), """
                run: {days: 3}
                fleets:
                  - {name: dogs, count: 2, device: {rest-floor: -3}}
                """);

        assertEquals(1, run("--scenario-file", file.toString()));

        assertEquals("firmware-sim: bad.yaml line 3, fleets[0].device.rest-floor: must be 0..255, was -3",
                err.toString().strip());
    }

    @Test
    void aReplayOfTheCsvTheSimulatorWroteGivesTheSameMinutes() throws Exception {
        Path yaml = Files.writeString(dir.resolve("two.yaml"), """
                run: {start: 2026-05-04T00:00:00Z, days: 2, seed: 3}
                fleets:
                  - {name: plain, count: 2}
                  - {name: odd, count: 2, device: {duplicate-share: 0.05, dropouts-per-day: 20, rest-floor: 2}}
                timeline:
                  - {kind: collar-off, fleet: plain, at: day 1 09:00, for: 3h}
                """);
        Path recorded = dir.resolve("recorded.csv");
        Path replayed = dir.resolve("replayed.csv");
        assertEquals(0, run("--scenario-file", yaml.toString(), "--csv", recorded.toString()), err.toString());

        assertEquals(0, run("--replay", recorded.toString(), "--batch-minutes", "30", "--csv", replayed.toString()),
                err.toString());

        List<String> before = Files.readAllLines(recorded);
        List<String> after = Files.readAllLines(replayed);
        assertEquals(before.subList(0, 2 * 2 * 1440 + 1), after.subList(0, 2 * 2 * 1440 + 1),
                "plain collars: the same rows in the same order");
        assertEquals(before.stream().sorted().toList(), after.stream().sorted().toList(),
                "every collar: the same minutes, duplicates and gaps included");
    }

    @Test
    void aReplayWithBadRowsOrNotInUtf8ExitsOneNamingThem() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "rex,1000,3\nrex,2000,lots\n");
        Path latin = Files.write(dir.resolve("latin.csv"), "r\u00e9x,1000,3\n".getBytes(StandardCharsets.ISO_8859_1));

        assertEquals(1, run("--replay", bad.toString(), "--csv", dir.resolve("x.csv").toString()));
        assertTrue(err.toString().contains("bad.csv line 2: activity 'lots' is not a whole number"), err.toString());
        assertEquals(1, run("--replay", latin.toString()));
        assertTrue(err.toString().contains("latin.csv line 1: the file is not UTF-8 (byte 0xE9"), err.toString());
        assertFalse(err.toString().contains("Exception"), "messages, not stack traces");
        assertFalse(Files.exists(dir.resolve("x.csv")), "nothing written from half a recording");
    }
}
