package io.petwatch.sim.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.proto.v1.Sample;
import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.proto.v1.WearState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each device profile seen in real hardware shows its one property, and nothing else changes. */
class DeviceProfilesTest {
    private static final List<CollarScript> SUITE = ScenarioSuite.standard(42, 1);
    private static final int FLOOR = ScenarioSuite.REST_FLOOR;

    private static CollarScript first(String scenario) {
        return SUITE.stream().filter(s -> s.scenario().equals(scenario)).findFirst().orElseThrow();
    }

    private static List<Sample> samples(CollarScript script) {
        return script.batches().stream().flatMap(b -> b.getSamplesList().stream()).toList();
    }

    @Test
    void restFloorRepeatsTheFloorValueForHoursWhileThePetRests() {
        CollarScript script = first("rest-floor");
        List<Sample> samples = samples(script);
        int quiet = script.profile().quietestStart(8);

        int longRuns = 0;
        int run = 0;
        for (int i = 0; i <= samples.size(); i++) {
            if (i < samples.size() && samples.get(i).getActivity() == FLOOR) {
                run++;
                continue;
            }
            if (run >= 180) {
                longRuns++;
                Sample middle = samples.get(i - run / 2 - 1);
                int hour = Instant.ofEpochMilli(middle.getMinuteStartMs()).atZone(script.zone()).getHour();
                assertTrue(Math.floorMod(hour - quiet, 24) < 8, "a long floor run centred at " + hour + ":00");
            }
            run = 0;
        }
        assertTrue(longRuns > ScenarioSuite.DAYS / 2, "nights with 3 h or more of the floor: " + longRuns);
        assertTrue(samples.stream().noneMatch(s -> s.getActivity() < FLOOR), "worn, it never reads below its floor");
    }

    @Test
    void restFloorStillShowsTheOccasionalRealMovementAtRest() {
        CollarScript script = first("rest-floor");
        int quiet = script.profile().quietestStart(8);

        List<Sample> atRest = samples(script).stream().filter(s -> Math.floorMod(
                Instant.ofEpochMilli(s.getMinuteStartMs()).atZone(script.zone()).getHour() - quiet, 24) < 8).toList();
        long above = atRest.stream().filter(s -> s.getActivity() > FLOOR).count();

        assertTrue(above > ScenarioSuite.DAYS, "movements above the floor at rest: " + above);
        assertTrue(above < atRest.size() / 10, above + " of " + atRest.size() + " rest minutes above the floor");
    }

    @Test
    void aFloorDeviceOffThePetReadsExactZerosAndOnlyThen() {
        CollarScript script = first("rest-floor-no-wear");
        Effect.OffBody off = script.effects().stream().filter(e -> e instanceof Effect.OffBody)
                .map(e -> (Effect.OffBody) e).findFirst().orElseThrow();

        for (Sample s : samples(script)) {
            Instant t = Instant.ofEpochMilli(s.getMinuteStartMs());
            boolean offBody = !t.isBefore(off.start()) && t.isBefore(off.end());
            assertEquals(offBody, s.getActivity() == 0, "minute " + t + " reads " + s.getActivity());
            assertEquals(WearState.WEAR_UNKNOWN, s.getWear());
        }
        assertEquals("collar_off", script.labels().get(0).kind());
    }

    @Test
    void floorScenariosKeepTheirIllnessLabelsAndHealthyDevicesHaveNone() {
        assertEquals("lethargy", first("rest-floor-lethargy").labels().get(0).kind());
        assertEquals("restless", first("rest-floor-restless").labels().get(0).kind());
        for (String healthy : List.of("rest-floor", "saturating", "dropouts", "duplicated-minutes", "drifting-clock")) {
            assertTrue(first(healthy).labels().isEmpty(), healthy);
        }
        assertTrue(first("rest-floor-no-wear").labels().stream().noneMatch(Label::health));
    }

    @Test
    void aSaturatingDeviceNeverReportsAboveItsMaximum() {
        List<Sample> samples = samples(first("saturating"));

        assertTrue(samples.stream().allMatch(s -> s.getActivity() <= ScenarioSuite.MAX_COUNT));
        assertTrue(samples.stream().filter(s -> s.getActivity() == ScenarioSuite.MAX_COUNT).count() > 10,
                "the busiest minutes hit the ceiling");
    }

    @Test
    void dropoutsLeaveGapsOfOneToFifteenMinutes() {
        List<Sample> samples = samples(first("dropouts"));

        int gaps = 0;
        for (int i = 1; i < samples.size(); i++) {
            long missing = (samples.get(i).getMinuteStartMs() - samples.get(i - 1).getMinuteStartMs()) / 60_000L - 1;
            assertTrue(missing >= 0 && missing <= DeviceProfile.MAX_DROPOUT_MINUTES, missing + " minutes missing");
            gaps += missing > 0 ? 1 : 0;
        }
        assertTrue(gaps > ScenarioSuite.DAYS * 4, "dropouts: " + gaps);
    }

    @Test
    void duplicatedMinutesRepeatStampAndValueInTheSameBatchOrTheNext() {
        List<TelemetryBatch> batches = first("duplicated-minutes").batches();
        Map<Long, List<Long>> seqsByStamp = new HashMap<>();
        Map<Long, Sample> byStamp = new HashMap<>();
        for (TelemetryBatch b : batches) {
            for (Sample s : b.getSamplesList()) {
                seqsByStamp.computeIfAbsent(s.getMinuteStartMs(), k -> new ArrayList<>()).add(b.getSeq());
                Sample before = byStamp.putIfAbsent(s.getMinuteStartMs(), s);
                assertTrue(before == null || before.equals(s), "a duplicate is the same minute, value and all");
            }
        }

        assertEquals(ScenarioSuite.DAYS * 1440, seqsByStamp.size(), "no minute lost");
        long sameBatch = seqsByStamp.values().stream().filter(q -> q.size() == 2 && q.get(0).equals(q.get(1))).count();
        long nextBatch = seqsByStamp.values().stream().filter(q -> q.size() == 2 && q.get(1) == q.get(0) + 1).count();
        assertTrue(sameBatch > 100 && nextBatch > 100, sameBatch + " in the same batch, " + nextBatch + " in the next");
        assertTrue(seqsByStamp.values().stream().allMatch(q -> q.size() <= 2), "none sent three times");
    }

    @Test
    void aDriftingClockRunsFurtherAheadEachDayWhileBatchesArriveOnTime() {
        CollarScript script = first("drifting-clock");
        List<CollarScript.Delivery> deliveries = script.deliveries();
        long startMs = script.start().toEpochMilli();

        long previous = -1;
        for (int i = 0; i < deliveries.size(); i++) {
            List<Sample> batch = deliveries.get(i).batch().getSamplesList();
            for (int m = 0; m < batch.size(); m++) {
                long trueMs = startMs + (i * 60L + m) * 60_000L;
                long ahead = batch.get(m).getMinuteStartMs() - trueMs;
                double expected = ScenarioSuite.DRIFT_SECONDS_PER_DAY * 1000 * (trueMs - startMs) / 86_400_000.0;
                assertEquals(expected, ahead, 1.0);
                assertTrue(ahead >= previous, "drift only grows");
                previous = ahead;
            }
            assertEquals(startMs + (i + 1) * 3_600_000L, deliveries.get(i).atMs(), "sent on true time");
        }
        assertTrue(previous > 11 * 60_000L, "after 35 days the stamps are minutes ahead: " + previous + " ms");
    }

    @Test
    void theStandardDeviceChangesNothingAndBadProfilesAreRefused() {
        SUITE.stream().filter(s -> ScenarioSuite.SCENARIOS.indexOf(s.scenario()) < 15)
                .forEach(s -> assertEquals(DeviceProfile.standard(), s.device(), s.scenario()));
        assertFalse(first("rest-floor").device().equals(DeviceProfile.standard()));
        assertThrows(IllegalArgumentException.class, () -> DeviceProfile.standard().withDuplicateShare(1.5));
        assertThrows(IllegalArgumentException.class, () -> DeviceProfile.standard().withMaxCount(2).withRestFloor(3));
    }
}
