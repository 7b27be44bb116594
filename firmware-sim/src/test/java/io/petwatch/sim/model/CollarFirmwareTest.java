package io.petwatch.sim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.proto.v1.Sample;
import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.sim.scenario.Episode;
import io.petwatch.sim.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CollarFirmwareTest {
    private static final Instant START = Instant.parse("2026-05-04T00:00:00Z"); // a Monday

    private static List<TelemetryBatch> run(long seed, Scenario scenario, int days) {
        CollarFirmware firmware = new CollarFirmware("c-1", new ActivityModel(PetProfile.ALL.get(0), ZoneOffset.UTC, seed),
                scenario, 60, START, START.plus(Duration.ofDays(days)));
        List<TelemetryBatch> batches = new ArrayList<>();
        for (Optional<TelemetryBatch> b = firmware.nextBatch(); b.isPresent(); b = firmware.nextBatch()) {
            batches.add(b.get());
        }
        return batches;
    }

    private static double meanActivity(List<TelemetryBatch> batches, int fromHour, int toHour) {
        return batches.stream().flatMap(b -> b.getSamplesList().stream())
                .filter(s -> {
                    int hour = Instant.ofEpochMilli(s.getMinuteStartMs()).atZone(ZoneOffset.UTC).getHour();
                    return hour >= fromHour && hour < toHour;
                })
                .mapToInt(Sample::getActivity).average().orElseThrow();
    }

    @Test
    void theSameSeedGivesTheSameBytes() {
        assertEquals(run(7, Scenario.healthy(), 2), run(7, Scenario.healthy(), 2));
        assertNotEquals(run(7, Scenario.healthy(), 2), run(8, Scenario.healthy(), 2));
    }

    @Test
    void batchesCoverEveryMinuteOnceWithRisingSeq() {
        List<TelemetryBatch> batches = run(1, Scenario.healthy(), 1);

        assertEquals(24, batches.size());
        assertEquals(24 * 60, batches.stream().mapToInt(TelemetryBatch::getSamplesCount).sum());
        for (int i = 0; i < batches.size(); i++) {
            assertEquals(i + 1, batches.get(i).getSeq());
        }
    }

    @Test
    void aDogIsQuietAtNightAndBusyOnItsWalks() {
        List<TelemetryBatch> week = run(3, Scenario.healthy(), 7);

        assertTrue(meanActivity(week, 1, 5) * 10 < meanActivity(week, 7, 8),
                "night " + meanActivity(week, 1, 5) + " vs walk " + meanActivity(week, 7, 8));
    }

    @Test
    void lethargyLowersActivityByItsFactor() {
        Scenario lethargic = new Scenario(List.of(new Episode("c-1", Episode.LETHARGY, START, START.plus(Duration.ofDays(7)),
                0.3)));
        double healthy = meanActivity(run(5, Scenario.healthy(), 7), 0, 24);
        double ill = meanActivity(run(5, lethargic, 7), 0, 24);

        assertTrue(ill < healthy * 0.4 && ill > healthy * 0.2, "healthy " + healthy + ", lethargic " + ill);
    }
}
