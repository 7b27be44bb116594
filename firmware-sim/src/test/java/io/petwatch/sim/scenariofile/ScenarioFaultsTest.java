package io.petwatch.sim.scenariofile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import io.petwatch.proto.v1.Sample;
import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.proto.v1.WearState;
import io.petwatch.sim.suite.Action;
import io.petwatch.sim.suite.CollarScript;
import io.petwatch.sim.suite.Label;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Each fault of a scenario file shows in the collars' actions as specified, with its label. */
class ScenarioFaultsTest {
    static final String RUN = """
            run:
              start: 2026-05-04T00:00:00Z
              days: 3
              seed: 9
            """;

    static List<CollarScript> compile(String yaml) {
        return ScenarioCompiler.compile(new ScenarioFileReader().read("t.yaml", yaml)).collars();
    }

    static String fleet(int count) {
        return RUN + "fleets:\n  - {name: a, count: " + count + ", zones: UTC}\ntimeline:\n";
    }

    static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    static List<Action.Publish> publishes(CollarScript s) {
        return s.actions().stream().filter(a -> a instanceof Action.Publish).map(a -> (Action.Publish) a).toList();
    }

    static List<Action.Drop> drops(CollarScript s) {
        return s.actions().stream().filter(a -> a instanceof Action.Drop).map(a -> (Action.Drop) a).toList();
    }

    /** Every batch made is published exactly once (apart from re-sends): seqs 1..N. */
    static void everyBatchOnce(List<Action.Publish> publishes) {
        Set<Long> seqs = new HashSet<>();
        publishes.forEach(p -> seqs.add(p.batch().getSeq()));
        assertEquals(LongStream.rangeClosed(1, seqs.size()).boxed().toList(), seqs.stream().sorted().toList());
    }

    @Test
    void offlineHoldsBatchesBackAndUploadsThemInOrderWhenBack() {
        List<CollarScript> collars = compile(fleet(2)
                + "  - {kind: offline, collars: [a-001], at: day 1 10:30, for: 3h, will: true}\n");
        CollarScript off = collars.get(0);
        long dropAt = ms("2026-05-05T10:30:00Z");
        long backAt = ms("2026-05-05T13:30:00Z");

        assertEquals(List.of(new Action.Drop(dropAt, true, backAt)), drops(off));
        List<Action.Publish> publishes = publishes(off);
        assertTrue(publishes.stream().noneMatch(p -> p.atMs() >= dropAt && p.atMs() < backAt), "nothing while away");
        List<Long> backlog = publishes.stream().filter(p -> p.atMs() == backAt).map(p -> p.batch().getSeq()).toList();
        assertEquals(List.of(35L, 36L, 37L), backlog, "the batches of 11:00, 12:00 and 13:00, in order");
        assertEquals(publishes.stream().map(p -> p.batch().getSeq()).sorted().toList(),
                publishes.stream().map(p -> p.batch().getSeq()).toList(), "nothing reordered");
        everyBatchOnce(publishes);
        int drop = off.actions().indexOf(drops(off).get(0));
        assertTrue(off.actions().get(drop - 1).atMs() <= dropAt && off.actions().get(drop + 1).atMs() == backAt);
        assertTrue(drops(collars.get(1)).isEmpty(), "the other collar stays online");
        assertEquals("{\"collar\":\"a-001\",\"kind\":\"offline\",\"start\":\"2026-05-05T10:30:00Z\","
                + "\"end\":\"2026-05-05T13:30:00Z\",\"will\":true}", off.labels().get(0).json());
    }

    @Test
    void aRebootDropsTheConnectionLosesTheMinutesWhileDownAndRestartsSeqAtOne() {
        CollarScript s = compile(fleet(1) + "  - {kind: reboot, at: day 1 10:30, for: 4m}\n").get(0);
        long at = ms("2026-05-05T10:30:00Z");
        long back = ms("2026-05-05T10:34:00Z");

        assertEquals(List.of(new Action.Drop(at, true, back)), drops(s));
        List<TelemetryBatch> batches = publishes(s).stream().map(Action.Publish::batch).toList();
        List<Integer> resets = new ArrayList<>();
        for (int i = 1; i < batches.size(); i++) {
            if (batches.get(i).getSeq() <= batches.get(i - 1).getSeq()) {
                resets.add(i);
            }
        }
        assertEquals(1, resets.size(), "seq goes back once");
        int reset = resets.get(0);
        assertEquals(35, batches.get(reset - 1).getSeq());
        assertEquals(30, batches.get(reset - 1).getSamplesCount(), "the batch in progress is sent short");
        assertEquals(1, batches.get(reset).getSeq());
        assertEquals(back, batches.get(reset).getSamples(0).getMinuteStartMs(), "the next batch starts at boot");
        assertTrue(batches.stream().flatMap(b -> b.getSamplesList().stream()).mapToLong(Sample::getMinuteStartMs)
                .noneMatch(m -> m >= at && m < back), "no minutes while down");
        assertEquals(new Label("a-001", "reboot", Instant.ofEpochMilli(at), Instant.ofEpochMilli(back)),
                s.labels().get(0));
    }

    @Test
    void duplicatesResendBatchesOnlyInTheirWindowAtAboutTheirRate() {
        List<CollarScript> collars = compile(fleet(10) + "  - {kind: duplicates, at: day 1, for: 1d, rate: 0.3}\n");
        long from = ms("2026-05-05T00:00:00Z");
        long to = ms("2026-05-06T00:00:00Z");

        int resent = 0;
        for (CollarScript s : collars) {
            List<Action.Publish> publishes = publishes(s);
            Set<Long> seen = new HashSet<>();
            for (Action.Publish p : publishes) {
                if (!seen.add(p.batch().getSeq())) {
                    resent++;
                    assertTrue(p.atMs() >= from && p.atMs() < to, "re-sent inside the window");
                }
            }
            everyBatchOnce(publishes);
            assertEquals("duplicates", s.labels().get(0).kind());
        }
        assertTrue(resent >= 50 && resent <= 94, "about 30% of 240 batches re-sent: " + resent);
    }

    @Test
    void outOfOrderSendsSomeBatchesAfterTheNextOneInsideItsWindow() {
        List<CollarScript> collars = compile(fleet(10) + "  - {kind: out-of-order, at: day 1, for: 1d, rate: 0.2}\n");
        long from = ms("2026-05-05T00:00:00Z");
        long to = ms("2026-05-06T00:00:00Z");

        int swapped = 0;
        for (CollarScript s : collars) {
            List<Action.Publish> publishes = publishes(s);
            for (int i = 1; i < publishes.size(); i++) {
                if (publishes.get(i).batch().getSeq() < publishes.get(i - 1).batch().getSeq()) {
                    swapped++;
                    assertEquals(publishes.get(i - 1).batch().getSeq() - 1, publishes.get(i).batch().getSeq(),
                            "sent right after the next one");
                    assertTrue(publishes.get(i).atMs() > from && publishes.get(i).atMs() <= to);
                }
            }
            assertEquals(s.batches().size(), publishes.size(), "nothing lost, nothing doubled");
            everyBatchOnce(publishes);
        }
        assertTrue(swapped >= 20 && swapped <= 60, "about a fifth of 240 batches late by one: " + swapped);
    }

    @Test
    void malformedPayloadsComeBesidesTheRealBatchesAtTheirRateAndNeverParse() {
        List<CollarScript> collars = compile(fleet(10) + "  - {kind: malformed, rate: 0.05}\n");

        int raw = 0;
        int batches = 0;
        for (CollarScript s : collars) {
            List<Action> actions = s.actions();
            for (int i = 0; i < actions.size(); i++) {
                if (actions.get(i) instanceof Action.PublishRaw r) {
                    raw++;
                    assertFalse(parses(r.payload()), r.why());
                    assertTrue(actions.get(i - 1) instanceof Action.Publish p && p.atMs() == r.atMs(),
                            "sent right after a batch");
                    assertTrue(r.why().startsWith("garbage") || r.why().startsWith("truncated"), r.why());
                }
            }
            List<Action.Publish> publishes = publishes(s);
            batches += publishes.size();
            assertEquals(72, publishes.size(), "every real batch still sent");
            everyBatchOnce(publishes);
        }
        assertTrue(raw >= 20 && raw <= 55, "about 5% of " + batches + " batches: " + raw);
        assertEquals(raw, compile(fleet(10) + "  - {kind: malformed, rate: 0.05}\n").stream()
                .mapToLong(s -> s.actions().stream().filter(a -> a instanceof Action.PublishRaw).count()).sum(),
                "the same for the same seed");
    }

    private static boolean parses(byte[] payload) {
        try {
            TelemetryBatch.parseFrom(payload);
            return true;
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
    }

    @Test
    void aBrokerRestartDropsEveryCollarAtOnceAndBringsThemBackWithJitter() {
        List<CollarScript> collars = compile(fleet(20)
                + "  - {kind: broker-restart, at: 2026-05-05T03:00:00Z, for: 20s, jitter: 60s}\n");
        long at = ms("2026-05-05T03:00:00Z");

        Set<Long> backs = new HashSet<>();
        for (CollarScript s : collars) {
            List<Action.Drop> drops = drops(s);
            assertEquals(1, drops.size());
            Action.Drop d = drops.get(0);
            assertEquals(at, d.atMs());
            assertFalse(d.will(), "a broker that goes away publishes no wills");
            assertTrue(d.backAtMs() >= at + 20_000 && d.backAtMs() < at + 80_000, "back within the jitter");
            backs.add(d.backAtMs());
            assertTrue(publishes(s).stream().anyMatch(p -> p.atMs() == d.backAtMs()),
                    "the 03:00 batch, made as the broker went, is sent when the collar is back");
            assertEquals("{\"collar\":\"" + s.collarId() + "\",\"kind\":\"broker_restart\",\"start\":"
                    + "\"2026-05-05T03:00:00Z\",\"end\":\"" + Instant.ofEpochMilli(d.backAtMs()) + "\",\"will\":false}",
                    s.labels().get(0).json());
        }
        assertTrue(backs.size() > 15, "not back in step: " + backs.size() + " distinct moments");
    }

    @Test
    void aFirmwareRolloutBreaksWearSensingOnItsShareOfTheFleetOnly() {
        List<CollarScript> collars = compile(fleet(10)
                + "  - {kind: firmware-rollout, share: 0.2, at: day 1 06:00, version: 2.1.0, breaks: wear-sensing}\n");
        long at = ms("2026-05-05T06:00:00Z");

        List<CollarScript> updated = collars.stream().filter(s -> !s.labels().isEmpty()).toList();
        assertEquals(2, updated.size(), "a fifth of ten");
        for (CollarScript s : collars) {
            boolean isUpdated = updated.contains(s);
            for (TelemetryBatch b : s.batches()) {
                boolean after = b.getSamples(0).getMinuteStartMs() >= at;
                assertEquals(isUpdated && after ? "2.1.0" : CollarScript.FIRMWARE, b.getFirmware());
                for (Sample m : b.getSamplesList()) {
                    WearState expected = isUpdated && m.getMinuteStartMs() >= at ? WearState.WEAR_UNKNOWN
                            : WearState.WORN;
                    assertEquals(expected, m.getWear());
                }
            }
        }
        assertTrue(updated.get(0).labels().get(0).json().endsWith(",\"firmware\":\"2.1.0\",\"breaks\":\"wear-sensing\"}"));
    }

    @Test
    void targetsAreChosenByTheSeedAndMixesHandOutTheirWeightsExactly() {
        String yaml = RUN + """
                fleets:
                  - {name: a, count: 8, pets: {medium dog: 3, indoor cat: 1}, firmware: {"1.0": 1, "2.0": 1}}
                timeline:
                  - {kind: collar-off, count: 3, at: day 1, for: 1h}
                """;
        List<CollarScript> one = compile(yaml);

        assertEquals(6, one.stream().filter(s -> s.profile().name().equals("medium dog")).count());
        assertEquals(4, one.stream().filter(s -> s.firmware().equals("2.0")).count());
        List<String> chosen = one.stream().filter(s -> !s.labels().isEmpty()).map(CollarScript::collarId).toList();
        assertEquals(3, chosen.size());
        assertEquals(chosen, compile(yaml).stream().filter(s -> !s.labels().isEmpty()).map(CollarScript::collarId)
                .toList(), "the same seed picks the same collars");
    }
}
