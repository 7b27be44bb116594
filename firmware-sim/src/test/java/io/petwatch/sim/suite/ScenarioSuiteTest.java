package io.petwatch.sim.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.proto.v1.WearState;
import java.nio.file.Files;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioSuiteTest {
    @TempDir
    Path dir;

    private static CollarScript first(List<CollarScript> scripts, String scenario) {
        return scripts.stream().filter(s -> s.scenario().equals(scenario)).findFirst().orElseThrow();
    }

    @Test
    void everyScenarioIsThereAndTheSameSeedGivesTheSameSuite() {
        List<CollarScript> one = ScenarioSuite.standard(3, 2);

        assertEquals(Set.copyOf(ScenarioSuite.SCENARIOS), one.stream().map(CollarScript::scenario).collect(Collectors.toSet()));
        assertEquals(one.get(9).batches(), ScenarioSuite.standard(3, 2).get(9).batches());
    }

    @Test
    void theScenariosBeforeDeviceProfilesStillSendExactlyTheSameBatches() throws Exception {
        // Scores are compared across versions: the first fifteen scenarios must not move when scenarios are added.
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (CollarScript s : ScenarioSuite.standard(42, 1).subList(0, 15)) {
            for (CollarScript.Delivery d : s.deliveries()) {
                digest.update(ByteBuffer.allocate(8).putLong(d.atMs()).array());
                digest.update(d.batch().toByteArray());
            }
        }

        assertEquals("74345761bf787c8c238accc2506c3b3ced1729014d100bff964a296202d14bb1",
                HexFormat.of().formatHex(digest.digest()));
    }

    @Test
    void illnessScenariosCarryHealthLabelsAndDeviceScenariosDoNot() {
        List<CollarScript> suite = ScenarioSuite.standard(3, 1);

        assertEquals("lethargy", first(suite, "sudden-lethargy").labels().get(0).kind());
        assertEquals("restless", first(suite, "restless-2-of-3").labels().get(0).kind());
        assertTrue(first(suite, "charging-nightly").labels().stream().noneMatch(Label::health));
        assertTrue(first(suite, "healthy").labels().isEmpty());
    }

    @Test
    void aFirmwareWithoutWearSensingNeverReportsWorn() {
        CollarScript noWear = first(ScenarioSuite.standard(3, 1), "no-wear-sensing");

        assertTrue(noWear.batches().stream().flatMap(b -> b.getSamplesList().stream())
                .noneMatch(s -> s.getWear() == WearState.WORN || s.getWear() == WearState.OFF_BODY));
    }

    @Test
    void aDyingBatterySendsNothingAfterItDies() {
        CollarScript dying = first(ScenarioSuite.standard(3, 1), "battery-dying");
        List<TelemetryBatch> batches = dying.batches();

        assertTrue(batches.size() < first(ScenarioSuite.standard(3, 1), "healthy").batches().size());
        assertTrue(batches.get(batches.size() - 1).getBatteryPct() <= 2);
    }

    @Test
    void resendsRepeatSeqsAndALateDayArrivesOutOfOrder() {
        List<TelemetryBatch> batches = first(ScenarioSuite.standard(3, 1), "resends-and-late").batches();

        long distinct = batches.stream().map(TelemetryBatch::getSeq).distinct().count();
        assertTrue(distinct < batches.size(), "some batches re-sent");
        boolean reordered = false;
        for (int i = 1; i < batches.size(); i++) {
            reordered |= batches.get(i).getSeq() < batches.get(i - 1).getSeq() - 1;
        }
        assertTrue(reordered, "a day delivered late");
    }

    @Test
    void writesLabelsAndCsvForTheReplay() throws Exception {
        List<CollarScript> suite = ScenarioSuite.standard(3, 1).subList(3, 5);

        SuiteOutput.writeLabels(suite, dir.resolve("labels.jsonl"));
        long rows = SuiteOutput.writeCsv(suite, dir.resolve("suite.csv"));

        List<String> labels = Files.readAllLines(dir.resolve("labels.jsonl"));
        assertEquals(2, labels.size());
        assertTrue(labels.get(0).startsWith("{\"collar\":\"sudden-lethargy-01\",\"kind\":\"lethargy\""), labels.get(0));
        List<String> csv = Files.readAllLines(dir.resolve("suite.csv"));
        assertEquals("collar_id,minute_start,activity,steps,wear", csv.get(0));
        assertEquals(rows + 1, csv.size());
    }
}
