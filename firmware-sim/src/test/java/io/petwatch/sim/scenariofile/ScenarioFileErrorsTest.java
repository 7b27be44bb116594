package io.petwatch.sim.scenariofile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.sim.input.InputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of mistake in a scenario file is refused with the file, the line and the field path. */
class ScenarioFileErrorsTest {
    private static final String RUN = """
            run:
              start: 2026-05-04T00:00:00Z
              days: 14
            """;

    @TempDir
    Path dir;

    private static String problem(String yaml) {
        return assertThrows(InputException.class, () -> new ScenarioFileReader().read("demo.yaml", yaml))
                .getMessage();
    }

    private static String fleet(String device) {
        return RUN + """
                fleets:
                  - name: dogs
                    count: 4
                    device:
                """ + device;
    }

    @Test
    void acceptsAWellFormedFile() {
        ScenarioFile file = new ScenarioFileReader().read("demo.yaml", fleet("      rest-floor: 3\n"));

        assertEquals(3, file.fleets().get(0).device().profile().restFloor());
        assertEquals(14, file.run().days());
    }

    @Test
    void rejectsAnOutOfRangeNumberNamingLineAndField() {
        assertEquals("demo.yaml line 8, fleets[0].device.rest-floor: must be 0..255, was -3",
                problem(fleet("      rest-floor: -3\n")));
    }

    @Test
    void rejectsAnUnknownFieldNamingTheClosestOne() {
        assertEquals("demo.yaml line 8, fleets[0].device.rest-flor: unknown field 'rest-flor'; did you mean"
                + " 'rest-floor'?", problem(fleet("      rest-flor: 3\n")));
    }

    @Test
    void rejectsAWrongType() {
        assertEquals("demo.yaml line 8, fleets[0].device.wear-sensing: must be true or false, was 'sometimes'",
                problem(fleet("      wear-sensing: sometimes\n")));
        assertTrue(problem(RUN + "fleets:\n  name: dogs\n").startsWith("demo.yaml line 5, fleets: must be a list of"
                + " fleets"), "a mapping where a list belongs");
        assertTrue(problem(RUN.replace("days: 14", "days: two weeks")).contains("line 3, run.days: must be a whole"
                + " number, was 'two weeks'"));
    }

    @Test
    void rejectsABadDuration() {
        String message = problem(fleet("      qos: 1\n") + """
                timeline:
                  - kind: collar-off
                    at: day 3
                    for: 3 days
                """);

        assertEquals("demo.yaml line 12, timeline[0].for: must be a duration such as 90m, 72h, 3d or 1d12h, was"
                + " '3 days'", message);
    }

    @Test
    void rejectsABadInstantAndABadDay() {
        assertTrue(problem(RUN.replace("2026-05-04T00:00:00Z", "2026-13-04T00:00:00Z") + "fleets: [{name: a,"
                + " count: 1}]").startsWith("demo.yaml line 2, run.start: must be an ISO-8601 instant"));
        String late = problem(fleet("      qos: 1\n") + "timeline:\n  - {kind: reboot, at: day 30}\n");
        assertEquals("demo.yaml line 10, timeline[0].at: day 30 is after the run, which has days 0..13", late);
        assertTrue(problem(fleet("      qos: 1\n") + "timeline:\n  - {kind: reboot, at: tuesday}\n")
                .contains("timeline[0].at: must be an ISO-8601 instant"));
    }

    @Test
    void rejectsAnUnknownZoneNamingTheClosest() {
        String message = problem(RUN + "fleets:\n  - {name: a, count: 2, zones: [UTC, Europe/Londn]}\n");

        assertTrue(message.startsWith("demo.yaml line 5, fleets[0].zones[1]: unknown time zone 'Europe/Londn'; did"
                + " you mean 'Europe/London'?"), message);
    }

    @Test
    void rejectsAnUnknownPetProfileNamingTheClosest() {
        String message = problem(RUN + "fleets:\n  - name: a\n    count: 2\n    pets: {medum dog: 3, indoor cat: 1}\n");

        assertTrue(message.startsWith("demo.yaml line 7, fleets[0].pets: unknown pet profile 'medum dog'; did you"
                + " mean 'medium dog'?"), message);
    }

    @Test
    void rejectsAMissingRequiredField() {
        assertEquals("demo.yaml line 5, fleets[0]: missing required field 'count'",
                problem(RUN + "fleets:\n  - name: dogs\n"));
        assertTrue(problem(fleet("      qos: 1\n") + "timeline:\n  - {kind: stuck-sensor, at: day 2}\n")
                .contains("line 10, timeline[0]: missing required field 'value'"));
    }

    @Test
    void rejectsAnUnknownKindAndAFleetThatDoesNotExist() {
        assertTrue(problem(fleet("      qos: 1\n") + "timeline:\n  - {kind: letargy, at: day 2}\n")
                .contains("line 10, timeline[0].kind: unknown kind 'letargy'; did you mean 'lethargy'?"));
        assertTrue(problem(fleet("      qos: 1\n") + "timeline:\n  - {kind: reboot, fleet: dog, at: day 2}\n")
                .contains("timeline[0].fleet: no fleet is named 'dog'; did you mean 'dogs'?"));
        assertTrue(problem(fleet("      qos: 1\n") + "timeline:\n  - {kind: reboot, collars: [dogz-004], at: day 2}\n")
                .contains("timeline[0].collars[0]: no collar 'dogz-004' in any fleet; did you mean 'dogs-004'?"));
    }

    @Test
    void reportsEveryProblemOfAFileAtOnce() {
        String message = problem(RUN.replace("days: 14", "days: 0") + """
                fleets:
                  - name: dogs
                    count: 4
                    device: {qos: 3, dropouts-per-day: -1}
                """);

        assertEquals(3, message.lines().count(), message);
        assertTrue(message.contains("run.days: must be 1..366, was 0"));
        assertTrue(message.contains("fleets[0].device.qos: must be 0..2, was 3"));
        assertTrue(message.contains("fleets[0].device.dropouts-per-day: must be 0..96, was -1"));
    }

    @Test
    void rejectsYamlThatDoesNotParseWithItsLine() {
        String message = problem(RUN + "fleets:\n  - name: [dogs\n    count: 4\n");

        assertTrue(message.startsWith("demo.yaml line "), message);
        assertTrue(message.contains("not valid YAML"), message);
    }

    @Test
    void rejectsAFileThatIsNotUtf8WithAMessageNotAStackTrace() throws Exception {
        byte[] latin1 = (RUN + "fleets:\n  - {name: caf\u00e9, count: 1}\n").getBytes(StandardCharsets.ISO_8859_1);
        Path file = Files.write(dir.resolve("latin.yaml"), latin1);

        InputException e = assertThrows(InputException.class, () -> new ScenarioFileReader().read(file));

        assertTrue(e.getMessage().startsWith("latin.yaml line 5: the file is not UTF-8 (byte 0xE9"), e.getMessage());
    }

    @Test
    void rejectsAFaultFieldTheKindDoesNotTake() {
        assertTrue(problem(fleet("      qos: 1\n") + "timeline:\n  - {kind: restless, at: day 2, for: 3d}\n")
                .contains("timeline[0].for: restless takes no 'for': 'nights' and 'hours' say how long"));
        assertTrue(problem(fleet("      qos: 1\n") + "timeline:\n  - {kind: offline, at: day 2, for: 1h, count: 2,"
                + " share: 0.5}\n").contains("timeline[0]: give one of 'collars', 'count' and 'share', not 2"));
    }
}
