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
 * The survey tone classifier on labelled post-delivery survey comments kept in the repository with the owner replies:
 * {@code replies/survey-dev.tsv}, which the lexicon was tuned on, and {@code replies/survey-holdout.tsv}, written
 * (and committed) before the classifier existed and never used to tune it. Both were written by the classifier's
 * author, so the held-out figure measures generalisation to unseen sentences, not to another writer's habits.
 *
 * <p>The held-out floors were set before the held-out set was first scored: 75% right over three classes (a
 * lexicon's usual ground on short reviews), and for NEGATIVE, the class that opens a service-recovery case, a recall
 * of 85% (the trigger exists to catch unhappy customers; missing one in seven would leave the score alone doing the
 * work) and a precision of 70% (a wrong call costs an agent a few minutes with a content customer).
 */
class SurveyToneClassifierTest {
    private static final SurveyToneClassifier CLASSIFIER = SurveyToneClassifier.standard();

    record Labelled(SurveyTone label, String text) {
    }

    /** Accuracy, and precision and recall of NEGATIVE. */
    record Score(int total, int right, int negativeRight, int readNegative, int labelledNegative,
                 Map<SurveyTone, Map<SurveyTone, Integer>> confusion, List<String> wrong) {
        double accuracy() {
            return (double) right / total;
        }

        double negativePrecision() {
            return readNegative == 0 ? 0 : (double) negativeRight / readNegative;
        }

        double negativeRecall() {
            return (double) negativeRight / labelledNegative;
        }

        @Override
        public String toString() {
            return String.format("%d/%d right (%.1f%%); NEGATIVE precision %d/%d (%.1f%%), recall %d/%d (%.1f%%);"
                    + " confusion (label -> read): %s", right, total, 100 * accuracy(), negativeRight, readNegative,
                    100 * negativePrecision(), negativeRight, labelledNegative, 100 * negativeRecall(), confusion);
        }

        String failures() {
            return this + "\n" + String.join("\n", wrong);
        }
    }

    static List<Labelled> load(String name) throws IOException {
        try (InputStream in = SurveyToneClassifierTest.class.getResourceAsStream("/replies/" + name)) {
            List<Labelled> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 2);
                rows.add(new Labelled(SurveyTone.valueOf(parts[0]), parts[1]));
            }
            return rows;
        }
    }

    static Score score(List<Labelled> rows) {
        int right = 0;
        int negativeRight = 0;
        int readNegative = 0;
        int labelledNegative = 0;
        Map<SurveyTone, Map<SurveyTone, Integer>> confusion = new EnumMap<>(SurveyTone.class);
        List<String> wrong = new ArrayList<>();
        for (Labelled row : rows) {
            SurveyToneClassifier.Reading reading = CLASSIFIER.of(row.text());
            confusion.computeIfAbsent(row.label(), k -> new EnumMap<>(SurveyTone.class))
                    .merge(reading.tone(), 1, Integer::sum);
            boolean isNegative = row.label() == SurveyTone.NEGATIVE;
            boolean readAsNegative = reading.tone() == SurveyTone.NEGATIVE;
            labelledNegative += isNegative ? 1 : 0;
            readNegative += readAsNegative ? 1 : 0;
            negativeRight += isNegative && readAsNegative ? 1 : 0;
            if (reading.tone() == row.label()) {
                right++;
            } else {
                wrong.add(row.label() + " read as " + reading.tone() + " (" + reading.explain() + "): " + row.text());
            }
        }
        return new Score(rows.size(), right, negativeRight, readNegative, labelledNegative, confusion, wrong);
    }

    @Test
    void readsTheCommentsItWasTunedOn() throws IOException {
        Score score = score(load("survey-dev.tsv"));
        System.out.println("survey-dev.tsv: " + score);
        assertTrue(score.accuracy() >= 0.85, score.failures());
        assertTrue(score.negativeRecall() >= 0.90, score.failures());
    }

    @Test
    void readsHeldOutCommentsItNeverSaw() throws IOException {
        Score score = score(load("survey-holdout.tsv"));
        System.out.println("survey-holdout.tsv: " + score);
        assertTrue(score.total() >= 100, "the held-out set has " + score.total() + " comments");
        assertTrue(score.accuracy() >= 0.75, score.failures());
        assertTrue(score.negativeRecall() >= 0.85, score.failures());
        assertTrue(score.negativePrecision() >= 0.70, score.failures());
    }

    @Test
    void theLabelledSetsHoldAtLeast150CommentsWithHardOnes() throws IOException {
        List<Labelled> all = new ArrayList<>(load("survey-dev.tsv"));
        all.addAll(load("survey-holdout.tsv"));
        assertTrue(all.size() >= 150, all.size() + " labelled comments");
        Map<SurveyTone, Long> perTone = all.stream().collect(Collectors.groupingBy(Labelled::label,
                Collectors.counting()));
        for (SurveyTone tone : SurveyTone.values()) {
            assertTrue(perTone.getOrDefault(tone, 0L) >= 40, tone + ": " + perTone.get(tone));
        }
        List<String> texts = all.stream().map(r -> r.text().toLowerCase()).toList();
        assertTrue(texts.stream().anyMatch(t -> t.contains("not bad at all")), "negation");
        assertTrue(texts.stream().anyMatch(t -> t.contains("🙄")), "sarcasm");
        assertTrue(texts.contains("meh"), "short");
        assertTrue(texts.stream().anyMatch(t -> t.contains("late but")), "mixed");
        assertTrue(texts.stream().anyMatch(t -> t.contains("terible") || t.contains("dissap")), "typos");
        assertTrue(texts.stream().anyMatch(t -> t.contains("gracias") || t.contains("danke")), "other languages");
    }

    @Test
    void negationTurnsPraiseIntoComplaintAndComplaintIntoFaintPraise() {
        assertEquals(SurveyTone.NEGATIVE, CLASSIFIER.of("not happy with the delivery").tone());
        assertEquals(SurveyTone.NEGATIVE, CLASSIFIER.of("I wouldn't recommend you").tone());
        assertEquals(SurveyTone.NEUTRAL, CLASSIFIER.of("not bad").tone(), "faint praise");
        assertEquals(SurveyTone.POSITIVE, CLASSIFIER.of("not bad at all").tone());
        assertEquals(SurveyTone.POSITIVE, CLASSIFIER.of("couldn't be happier").tone(), "read whole, not negated");
    }

    @Test
    void aComplaintLastIsTheComplaintsPointAndPraiseLastMakesItMixed() {
        assertEquals(SurveyTone.NEGATIVE, CLASSIFIER.of("the food is great but it came four days late").tone());
        assertEquals(SurveyTone.NEUTRAL, CLASSIFIER.of("it came four days late but the food is great").tone());
        assertEquals(SurveyTone.NEGATIVE, CLASSIFIER.of("lovely food, slow delivery though").tone());
    }

    @Test
    void anEyeRollTurnsPraiseIntoAComplaint() {
        SurveyToneClassifier.Reading reading = CLASSIFIER.of("Brilliant, late again 🙄");
        assertEquals(SurveyTone.NEGATIVE, reading.tone());
        assertTrue(reading.explain().contains("brilliant (sarcastic)"), reading.explain());
    }

    @Test
    void aWordOneLetterOffALongCueIsReadAsIt() {
        SurveyToneClassifier.Reading reading = CLASSIFIER.of("horible");
        assertEquals(SurveyTone.NEGATIVE, reading.tone());
        assertTrue(reading.explain().contains("read as horrible"), reading.explain());
        assertEquals(SurveyTone.POSITIVE, CLASSIFIER.of("fantastc").tone());
        assertTrue(CueMatcher.oneEditApart("recieve", "receive"), "a swap");
        assertTrue(!CueMatcher.oneEditApart("great", "treats"), "two edits");
    }

    @Test
    void aSoftenerWeakensAndABoosterStrengthens() {
        SurveyToneClassifier.Reading soft = CLASSIFIER.of("a bit slow");
        SurveyToneClassifier.Reading hard = CLASSIFIER.of("really slow");
        assertTrue(soft.negative() < hard.negative(), soft.negative() + " vs " + hard.negative());
    }

    @Test
    void noCueAndNoTextAreNeutral() {
        assertEquals(SurveyTone.NEUTRAL, CLASSIFIER.of("delivered on Tuesday").tone());
        assertEquals(SurveyTone.NEUTRAL, CLASSIFIER.of("").tone());
        assertEquals(SurveyTone.NEUTRAL, CLASSIFIER.of(null).tone());
        assertEquals("no cue recognised", CLASSIFIER.of("delivered").explain());
    }

    @Test
    void aMalformedLexiconLineIsRefusedWithItsLineNumber() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SurveyToneClassifier.parse("# a comment\nPOSITIVE 3 great\nHAPPY 2 nice\n"));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SurveyToneClassifier.parse("NEUTRAL 2 best before\n"));
    }
}
