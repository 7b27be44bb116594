package io.petwatch.collector.trigger;

import static io.petwatch.collector.trigger.Signals.hours;
import static io.petwatch.collector.trigger.Signals.rules;
import static io.petwatch.collector.trigger.Signals.survey;
import static io.petwatch.collector.trigger.Signals.surveyHistory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SurveyRuleTest {
    private static List<Trigger> when(String facts) {
        return rules().evaluate(surveyHistory(survey("resp_1", hours(3), facts)), hours(100));
    }

    private static String answer(Object score, int min, int max, String comment) {
        return """
                {"score": %s, "scale_min": %d, "scale_max": %d, "comment": "%s"}""".formatted(score, min, max, comment);
    }

    @Test
    void aDetractorScoreRaisesWhenTheCustomerAnswered() {
        List<Trigger> raised = when(answer(6, 0, 10, "ok I guess"));
        assertEquals(1, raised.size());
        Trigger t = raised.get(0);
        assertEquals("sig-SURVEY_UNHAPPY-resp_1-" + hours(3).getEpochSecond(), t.alertId());
        assertEquals(hours(3), t.detectedAt());
        assertEquals(6L, t.params().get("score"));
        assertEquals(10L, t.params().get("scale_max"));
        assertEquals("ok I guess", t.params().get("comment_excerpt"));
        assertEquals("NEUTRAL", t.params().get("tone"));
        assertEquals("Survey answer resp_1 scored 6 of 0..10.", t.summary());
    }

    @Test
    void sevenOfTenWithAPlainCommentIsNotUnhappy() {
        assertTrue(when(answer(7, 0, 10, "fine")).isEmpty());
    }

    @Test
    void onAFivePointScaleTwoIsLowAndThreeIsNot() {
        assertEquals(1, when(answer(2, 1, 5, "")).size());
        assertTrue(when(answer(3, 1, 5, "")).isEmpty());
    }

    @Test
    void aNegativeCommentRaisesDespiteAGoodScore() {
        List<Trigger> raised = when(answer(9, 0, 10, "The box arrived broken and late"));
        assertEquals(1, raised.size());
        assertEquals("NEGATIVE", raised.get(0).params().get("tone"));
        assertTrue(raised.get(0).summary().contains("has a comment that reads negative (broken, late)"),
                raised.get(0).summary());
    }

    @Test
    void withoutAToneReaderOnlyTheScoreCounts() {
        TriggerRules scoreOnly = new TriggerRules(Thresholds.defaults(), Optional.empty());
        History broken = surveyHistory(survey("resp_1", hours(3), answer(9, 0, 10, "arrived broken")));
        assertTrue(scoreOnly.evaluate(broken, hours(4)).isEmpty());
        History low = surveyHistory(survey("resp_2", hours(3), answer(1, 0, 10, "arrived broken")));
        assertEquals("NOT_READ", scoreOnly.evaluate(low, hours(4)).get(0).params().get("tone"));
    }

    @Test
    void aScoreOffItsScaleOrWithoutAScaleSaysNothing() {
        assertTrue(when(answer(-1, 0, 10, "")).isEmpty());
        assertTrue(when(answer(11, 0, 10, "")).isEmpty());
        assertTrue(when("{\"score\": 0}").isEmpty());
        assertTrue(when("{\"score\": \"zero\", \"scale_min\": 0, \"scale_max\": 10}").isEmpty());
        assertTrue(when("{}").isEmpty());
    }

    @Test
    void theThresholdsAreConfiguration() {
        TriggerRules strict = new TriggerRules(new Thresholds(java.time.Duration.ofHours(48),
                java.time.Duration.ofDays(5), java.time.Duration.ofDays(10), 4, 0.3, 4), Optional.empty());
        History six = surveyHistory(survey("resp_1", hours(3), answer(6, 0, 10, "")));
        assertTrue(strict.evaluate(six, hours(4)).isEmpty(), "detractors up to 4 only");
    }

    @Test
    void aLongCommentIsExcerpted() {
        String longComment = "awful ".repeat(60).strip();
        String excerpt = (String) when(answer(9, 0, 10, longComment)).get(0).params().get("comment_excerpt");
        assertEquals(SurveyRule.EXCERPT, excerpt.length());
        assertTrue(excerpt.endsWith("…"));
    }

    @Test
    void anEditedResponseIsJudgedByItsLatestAnswer() {
        History edited = surveyHistory(survey("resp_1", hours(3), answer(2, 0, 10, "")),
                Signals.event("survey", "resp_1-edit", "SURVEY", "resp_1", hours(4), answer(9, 0, 10, "great")));
        assertTrue(rules().evaluate(edited, hours(5)).isEmpty());
    }

    @Test
    void anEditedAnswerIsTheSameEpisode() {
        History edited = surveyHistory(survey("resp_1", hours(3), answer(2, 0, 10, "")),
                Signals.event("survey", "resp_1-edit", "SURVEY", "resp_1", hours(4), answer(1, 0, 10, "")));
        List<Trigger> raised = rules().evaluate(edited, hours(5));
        assertEquals(List.of("sig-SURVEY_UNHAPPY-resp_1-" + hours(3).getEpochSecond()),
                raised.stream().map(Trigger::alertId).toList(), "one response, one episode: the first answer's");
        assertEquals(hours(4), raised.get(0).detectedAt(), "decided on the latest answer");
    }
}
