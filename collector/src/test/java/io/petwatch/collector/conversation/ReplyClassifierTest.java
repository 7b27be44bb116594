package io.petwatch.collector.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The reply classifier on labelled owner replies kept in the repository, each set written for the purpose by a
 * different author than the lexicon's: {@code replies/dev.tsv} (200) and {@code replies/second.tsv} (160), which the
 * lexicon was tuned on, and {@code replies/final-holdout.tsv}, never used to tune it. The held-out thresholds (80%
 * right, at most 5% of worried or help-seeking owners read as fine) were set before any held-out set was scored;
 * second.tsv was the first held-out set and missed the second bar (4 of 70), so it became tuning data and a new
 * held-out set was written.
 */
class ReplyClassifierTest {
    private static final ReplyClassifier CLASSIFIER = ReplyClassifier.standard();

    record Labelled(ReplyKind label, String text) {
    }

    /** Accuracy and the one error that matters most: a worried or help-seeking owner read as reassured. */
    record Score(int total, int right, int needyReadAsFine, int needy, Map<ReplyKind, Map<ReplyKind, Integer>> confusion,
                 List<String> wrong) {
        double accuracy() {
            return (double) right / total;
        }

        double falseReassurance() {
            return (double) needyReadAsFine / needy;
        }

        @Override
        public String toString() {
            return String.format("%d/%d right (%.1f%%); worried or help read as fine: %d of %d (%.1f%%); confusion "
                    + "(label -> read): %s", right, total, 100 * accuracy(), needyReadAsFine, needy,
                    100 * falseReassurance(), confusion);
        }
    }

    static List<Labelled> load(String name) throws IOException {
        try (InputStream in = ReplyClassifierTest.class.getResourceAsStream("/replies/" + name)) {
            List<Labelled> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 2);
                rows.add(new Labelled(ReplyKind.valueOf(parts[0]), parts[1]));
            }
            return rows;
        }
    }

    static Score score(List<Labelled> rows) {
        int right = 0;
        int needy = 0;
        int needyReadAsFine = 0;
        Map<ReplyKind, Map<ReplyKind, Integer>> confusion = new EnumMap<>(ReplyKind.class);
        List<String> wrong = new ArrayList<>();
        for (Labelled row : rows) {
            ReplyClassifier.Reading reading = CLASSIFIER.read(row.text());
            confusion.computeIfAbsent(row.label(), k -> new EnumMap<>(ReplyKind.class))
                    .merge(reading.kind(), 1, Integer::sum);
            if (reading.kind() == row.label()) {
                right++;
            } else {
                wrong.add(row.label() + " read as " + reading.kind() + " (" + reading.explain() + "): " + row.text());
            }
            if (row.label().escalatesNow()) {
                needy++;
                if (reading.kind().stopsTimer()) {
                    needyReadAsFine++;
                }
            }
        }
        return new Score(rows.size(), right, needyReadAsFine, needy, confusion, wrong);
    }

    @Test
    void readsTheRepliesItWasTunedOn() throws IOException {
        List<Labelled> tuning = new ArrayList<>(load("dev.tsv"));
        tuning.addAll(load("second.tsv"));
        Score score = score(tuning);
        System.out.println("dev.tsv and second.tsv: " + score);
        assertTrue(score.accuracy() >= 0.90, score + "\n" + String.join("\n", score.wrong()));
        assertTrue(score.falseReassurance() <= 0.03, score + "\n" + String.join("\n", score.wrong()));
    }

    @Test
    void readsHeldOutRepliesItNeverSaw() throws IOException {
        Score score = score(load("final-holdout.tsv"));
        System.out.println("final-holdout.tsv: " + score);
        assertTrue(score.total() >= 150, "the held-out set has " + score.total() + " replies");
        assertTrue(score.accuracy() >= 0.80, score.toString());
        assertTrue(score.falseReassurance() <= 0.05, score.toString());
    }

    @Test
    void theLabelledSetsHoldAtLeast300RepliesWithTrickyOnes() throws IOException {
        List<Labelled> all = new ArrayList<>(load("dev.tsv"));
        all.addAll(load("second.tsv"));
        all.addAll(load("final-holdout.tsv"));
        assertTrue(all.size() >= 300, all.size() + " labelled replies");
        Map<ReplyKind, Long> perKind = all.stream().collect(Collectors.groupingBy(Labelled::label,
                Collectors.counting()));
        for (ReplyKind kind : List.of(ReplyKind.REASSURED, ReplyKind.WORRIED, ReplyKind.HELP, ReplyKind.BOOKING,
                ReplyKind.UNCLEAR)) {
            assertTrue(perKind.getOrDefault(kind, 0L) >= 30, kind + ": " + perKind.get(kind));
        }
        assertTrue(all.stream().anyMatch(r -> r.text().codePoints().anyMatch(cp -> cp >= 0x1F300)), "emoji");
        assertTrue(all.stream().anyMatch(r -> r.text().contains("🙄")), "sarcasm");
        assertTrue(all.stream().anyMatch(r -> r.text().toLowerCase().contains("not ")), "negation");
        assertTrue(all.stream().anyMatch(r -> r.text().contains("ñ") || r.text().contains("ç")
                || r.text().contains("ß") || r.text().contains("ã") || r.text().contains("ę")), "other languages");
    }

    @Test
    void negationTurnsReassuranceIntoWorryAndBack() {
        assertEquals(ReplyKind.WORRIED, CLASSIFIER.read("he isn't eating").kind());
        assertEquals(ReplyKind.WORRIED, CLASSIFIER.read("she's not fine").kind());
        assertEquals(ReplyKind.REASSURED, CLASSIFIER.read("not worried at all, he's grand").kind());
        assertEquals(ReplyKind.REASSURED, CLASSIFIER.read("no, he's ok").kind(), "the no answers the question");
        assertEquals(ReplyKind.REASSURED, CLASSIFIER.read("never better").kind());
    }

    @Test
    void theLastClauseOfAContrastCountsDouble() {
        assertEquals(ReplyKind.REASSURED, CLASSIFIER.read("he was sick yesterday but he's fine now").kind());
        assertEquals(ReplyKind.WORRIED, CLASSIFIER.read("he seemed fine but now he's vomiting").kind());
    }

    @Test
    void worryWinsATieAndNoCueIsUnclear() {
        assertEquals(ReplyKind.WORRIED, CLASSIFIER.read("fine apart from the vomiting").kind());
        assertEquals(ReplyKind.UNCLEAR, CLASSIFIER.read("who is this").kind());
        assertEquals(ReplyKind.UNCLEAR, CLASSIFIER.read("").kind());
    }

    @Test
    void theReadingNamesTheWordsThatCausedIt() {
        ReplyClassifier.Reading reading = CLASSIFIER.read("She isn't eating 😢");
        assertEquals(ReplyKind.WORRIED, reading.kind());
        assertTrue(reading.explain().contains("isn't … eating"), reading.explain());
        assertTrue(reading.explain().contains("😢"), reading.explain());
    }

    @Test
    void aMalformedLexiconLineIsRefusedWithItsLineNumber() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReplyClassifier.parse("# a comment\nWORRIED 3\n"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }
}
