package io.petwatch.sim.scenariofile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.petwatch.sim.suite.CollarScript;
import io.petwatch.sim.suite.Label;
import io.petwatch.sim.suite.SuiteOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of event is written to the labels file as a JSON line, with its details. */
class ScenarioLabelsTest {
    @TempDir
    Path dir;

    @Test
    void everyKindOfEventWritesItsLabelAsAJsonLine() throws Exception {
        String yaml = ScenarioFaultsTest.RUN.replace("days: 3", "days: 6") + """
                fleets:
                  - {name: a, count: 1}
                  - {name: b, count: 1, device: {battery: {start: 50, drain-per-day: 20}}}
                timeline:
                  - {kind: lethargy, fleet: a, at: day 1, for: 1d, factor: 0.3}
                  - {kind: decline, fleet: a, at: day 1, for: 2d}
                  - {kind: restless, fleet: a, at: day 2, nights: 1}
                  - {kind: restless, fleet: a, at: day 3, nights: [0, 1]}
                  - {kind: activity, fleet: a, at: day 1, for: 1d, hours: 22-6, factor: 2}
                  - {kind: collar-off, fleet: a, at: day 1 08:00, for: 2h}
                  - {kind: charging, fleet: a, hours: 1-3}
                  - {kind: battery-dies, fleet: a, at: day 5}
                  - {kind: stuck-sensor, fleet: a, at: day 2, for: 1h, value: 9}
                  - {kind: firmware-rollout, fleet: a, at: day 3, version: "3.0"}
                  - {kind: offline, fleet: a, at: day 4, for: 2h}
                  - {kind: reboot, fleet: a, at: day 4 06:00}
                  - {kind: duplicates, fleet: a, rate: 0.1}
                  - {kind: out-of-order, fleet: a, at: day 2, rate: 0.1}
                  - {kind: out-of-order, fleet: a, at: day 1, late-day: true}
                  - {kind: malformed, fleet: a, rate: 0.01}
                  - {kind: broker-restart, at: day 2 03:00}
                  - {kind: reconnect-storm, fleet: a, at: day 3 03:00, will: true}
                  - {kind: collar-off, fleet: a, at: day 4, for: 1h, label: false}
                """;
        List<CollarScript> collars = ScenarioCompiler.compile(new ScenarioFileReader().read("t.yaml", yaml)).collars();
        Path labels = dir.resolve("labels.jsonl");

        SuiteOutput.writeLabels(collars, labels);

        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> byKind = new TreeMap<>();
        List<String> order = new ArrayList<>();
        for (String line : Files.readAllLines(labels)) {
            JsonNode label = json.readTree(line);
            String kind = label.get("kind").asText();
            byKind.putIfAbsent(kind, label);
            order.add(kind);
            assertFalse(Instant.parse(label.get("end").asText()).isBefore(Instant.parse(label.get("start").asText())),
                    line);
        }
        assertEquals(List.of("activity", "battery_dead", "broker_restart", "charging", "collar_off", "decline",
                "duplicates", "firmware_rollout", "late_day", "lethargy", "malformed", "offline", "out_of_order",
                "reboot", "reconnect_storm", "restless", "restless_isolated", "stuck"), List.copyOf(byKind.keySet()));
        assertEquals(1, order.stream().filter(k -> k.equals("collar_off")).count(), "label: false writes none");
        assertEquals(2, order.stream().filter(k -> k.equals("broker_restart")).count(), "one per collar of the run");
        assertEquals(2, order.stream().filter(k -> k.equals("battery_dead")).count(), "dies, and drains flat");
        assertTrue(byKind.get("offline").get("will").asBoolean());
        assertFalse(byKind.get("broker_restart").get("will").asBoolean());
        assertTrue(byKind.get("reconnect_storm").get("will").asBoolean());
        assertEquals("3.0", byKind.get("firmware_rollout").get("firmware").asText());
        assertEquals(0.1, byKind.get("duplicates").get("rate").asDouble());
        assertEquals(0.01, byKind.get("malformed").get("rate").asDouble());
        Label flat = collars.get(1).labels().stream().filter(l -> l.kind().equals("battery_dead")).findFirst()
                .orElseThrow();
        assertEquals(Instant.parse("2026-05-06T12:00:00Z"), flat.start(), "50% at 20% a day lasts 2.5 days");
        assertTrue(collars.get(1).deliveries().stream().allMatch(d -> d.atMs() <= flat.start().toEpochMilli()),
                "a flat battery sends nothing more");
    }
}
