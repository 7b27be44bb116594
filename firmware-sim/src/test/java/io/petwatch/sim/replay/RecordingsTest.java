package io.petwatch.sim.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.proto.v1.WearState;
import io.petwatch.sim.input.InputException;
import io.petwatch.sim.suite.CollarScript;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordingsTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final long T0 = Instant.parse("2026-05-04T10:00:00Z").toEpochMilli();

    private static String minutes(String collar, int count, boolean header) {
        StringBuilder csv = new StringBuilder(header ? "collar_id,minute_start,activity\n" : "");
        for (int i = 0; i < count; i++) {
            csv.append(collar).append(',').append(T0 + i * 60_000L).append(',').append(i % 7).append('\n');
        }
        return csv.toString();
    }

    @Test
    void batchesEachCollarsMinutesByBatchMinutesWithSeqFromOne() {
        List<CollarScript> scripts = Recordings.read("r.csv", minutes("rex", 150, true) + minutes("tom", 10, false),
                60, UTC, 1);

        assertEquals(List.of("rex", "tom"), scripts.stream().map(CollarScript::collarId).toList());
        List<CollarScript.Delivery> rex = scripts.get(0).deliveries();
        assertEquals(List.of(1L, 2L, 3L), rex.stream().map(d -> d.batch().getSeq()).toList());
        assertEquals(List.of(60, 60, 30), rex.stream().map(d -> d.batch().getSamplesCount()).toList());
        assertEquals(T0 + 3_600_000L, rex.get(0).atMs(), "sent when its hour ends");
        TelemetryBatch first = rex.get(0).batch();
        assertEquals(WearState.WEAR_UNKNOWN, first.getSamples(0).getWear(), "activity-only rows: wear unknown");
        assertEquals(0, first.getSamples(0).getSteps());
        assertEquals(Recordings.FIRMWARE, first.getFirmware());
    }

    @Test
    void readsIsoMinuteStartsAndWearAsTheGatewayReplayDoes() {
        String csv = "rex,2026-05-04T11:00:00+01:00,12,1,WORN\nrex,2026-05-04T10:01:00Z,0,0,2\n";

        List<CollarScript> scripts = Recordings.read("r.csv", csv, 15, UTC, 1);

        TelemetryBatch batch = scripts.get(0).batches().get(0);
        assertEquals(T0, batch.getSamples(0).getMinuteStartMs());
        assertEquals(WearState.WORN, batch.getSamples(0).getWear());
        assertEquals(WearState.OFF_BODY, batch.getSamples(1).getWear());
    }

    @Test
    void listsEveryBadRowByLineAndPublishesNothing() {
        String csv = "collar_id,minute_start,activity\nrex,1000,3\nrex,soon,3\nrex,2000\n\nrex,3000,-1\n";

        InputException e = assertThrows(InputException.class, () -> Recordings.read("r.csv", csv, 60, UTC, 1));

        assertTrue(e.getMessage().startsWith("3 bad rows in r.csv, nothing published:"), e.getMessage());
        assertTrue(e.getMessage().contains("r.csv line 3: minute_start 'soon' is neither ISO-8601"), e.getMessage());
        assertTrue(e.getMessage().contains("r.csv line 4: expected 3 fields"), e.getMessage());
        assertTrue(e.getMessage().contains("r.csv line 6: activity must not be negative, was -1"), e.getMessage());
    }
}
