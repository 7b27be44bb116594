package io.petwatch.gateway.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.petwatch.gateway.detect.AlertEvent;
import io.petwatch.gateway.detect.CollarBatch;
import io.petwatch.gateway.detect.DetectionEngine;
import io.petwatch.gateway.detect.DetectorParams;
import io.petwatch.gateway.detect.MinuteSample;
import io.petwatch.gateway.detect.PetTimeline;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayTest {
    private static final Duration DAY = Duration.ofDays(1);

    private static String csv(boolean iso, boolean withWear, PetTimeline... pets) {
        StringBuilder out = new StringBuilder(withWear ? "collar_id,minute_start,activity,steps,wear\n"
                : "collar_id,minute_start,activity\n");
        List<List<CollarBatch>> all = new ArrayList<>();
        for (PetTimeline pet : pets) {
            all.add(pet.batches(60));
        }
        // Rows interleaved across collars, hour by hour, as a recording of a household would be.
        for (int b = 0; b < all.get(0).size(); b++) {
            for (List<CollarBatch> batches : all) {
                CollarBatch batch = batches.get(b);
                for (MinuteSample s : batch.samples()) {
                    out.append(batch.collarId()).append(',')
                            .append(iso ? Instant.ofEpochMilli(s.minuteStartMs()).toString() : s.minuteStartMs())
                            .append(',').append(s.activity());
                    if (withWear) {
                        out.append(',').append(s.steps()).append(',').append(s.wear().name());
                    }
                    out.append('\n');
                }
            }
        }
        return out.toString();
    }

    private static List<Map<String, String>> replay(String csv) throws IOException {
        StringWriter out = new StringWriter();
        new Replay("hub-1", ZoneOffset.UTC, id -> DetectorParams.defaults()).run(new StringReader(csv), out);
        List<Map<String, String>> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, String> fields = new HashMap<>();
            try (JsonParser json = new JsonFactory().createParser(line)) {
                assertEquals(JsonToken.START_OBJECT, json.nextToken(), "each line is one JSON object: " + line);
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String name = json.currentName();
                    if (json.nextToken() == JsonToken.START_OBJECT) {
                        json.skipChildren();
                    } else {
                        fields.put(name, json.getValueAsString());
                    }
                }
            }
            lines.add(fields);
        }
        return lines;
    }

    @Test
    void writesTheAlertsTheGatewayWouldSendAsJsonLines() throws IOException {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(10)).lethargicFor(Duration.ofHours(72), 0.3);
        PetTimeline bella = PetTimeline.pet("bella").healthyFor(DAY.multipliedBy(13));

        List<Map<String, String>> alerts = replay(csv(true, false, rex, bella));

        assertEquals(1, alerts.size(), () -> "alerts: " + alerts);
        Map<String, String> alert = alerts.get(0);
        assertEquals("rex", alert.get("collar_id"));
        assertEquals("LOW_ACTIVITY", alert.get("kind"));
        assertEquals("FIRING", alert.get("state"));
        assertTrue(Instant.parse(alert.get("detected_at")).isAfter(Instant.parse("2026-03-12T00:00:00Z")));
        assertEquals("low-activity/3", alert.get("detector"));
    }

    @Test
    void raisesExactlyWhatTheLiveDetectorsRaise() throws IOException {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(16)).restlessNightsFor(3, 8)
                .lethargicFor(Duration.ofHours(72), 0.3).healthyFor(DAY.multipliedBy(3));
        DetectionEngine live = new DetectionEngine("hub-1", ZoneOffset.UTC, id -> DetectorParams.defaults(),
                Clock.fixed(rex.now().plusSeconds(60), ZoneOffset.UTC));
        List<String> liveIds = new ArrayList<>();
        rex.batches(60).forEach(b -> live.ingest(b).stream().map(AlertEvent::alertId).forEach(liveIds::add));

        List<String> replayIds = replay(csv(false, true, rex)).stream().map(a -> a.get("alert_id")).toList();

        assertTrue(liveIds.size() >= 4, "the story has several alerts: " + liveIds.size());
        assertEquals(liveIds, replayIds);
    }

    @Test
    void badRowsAreReportedAndSkippedWithoutLosingTheRest() throws IOException {
        PetTimeline rex = PetTimeline.pet("rex").healthyFor(DAY.multipliedBy(10)).lethargicFor(Duration.ofHours(72), 0.3);
        String[] lines = csv(false, false, rex).split("\n");
        lines[100] = "rex,yesterday,12";
        lines[200] = "rex,1773000000000,-4";
        lines[300] = "rex,1773000000000";
        lines[400] = ",1773000000000,5";

        StringWriter out = new StringWriter();
        Replay.Report report = new Replay("hub-1", ZoneOffset.UTC, id -> DetectorParams.defaults())
                .run(new StringReader(String.join("\n", lines)), out);

        assertEquals(4, report.badRows());
        assertEquals(lines.length - 1 - 4, report.rows());
        assertEquals(1, report.alerts(), "the episode is still found");
    }
}
