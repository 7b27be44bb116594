package io.petwatch.collector.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When the calibration report recommends a second look at a rule: often fired, rarely answered. */
class CalibrationAdviceTest {
    private static final CalibrationAdvice DEFAULTS = new CalibrationAdvice(20, 0.10);

    private static CalibrationRow rule(String variant, long activations, long texted, long responded) {
        return CalibrationRow.of("post-delivery-care", variant, activations, 0, texted, texted, responded, 0, 0, 0,
                0, 0);
    }

    @Test
    void recommendsARuleThatFiresOftenAndIsRarelyAnswered() {
        Optional<String> advice = DEFAULTS.recommend(rule(CalibrationRow.ALL_VARIANTS, 40, 40, 3));

        assertTrue(advice.isPresent());
        assertEquals("rule post-delivery-care fires often (40 activations) and is rarely answered (3 of 40 texted"
                + " owners replied, 7.5% < 10.0%): review its threshold or its message, or retire it", advice.get());
    }

    @Test
    void namesTheVariantWhenOnlyOneVariantIsJudged() {
        assertTrue(DEFAULTS.recommend(rule("short-copy", 25, 25, 1)).orElseThrow()
                .startsWith("rule post-delivery-care (variant short-copy) fires often"));
    }

    @Test
    void saysNothingBelowTheActivationThresholdHoweverQuietTheOwners() {
        assertEquals(Optional.empty(), DEFAULTS.recommend(rule(CalibrationRow.ALL_VARIANTS, 19, 19, 0)));
    }

    @Test
    void saysNothingWhenTheResponseRateReachesTheThreshold() {
        assertEquals(Optional.empty(), DEFAULTS.recommend(rule(CalibrationRow.ALL_VARIANTS, 20, 20, 2)),
                "2 of 20 is 10%, not below it");
        assertTrue(DEFAULTS.recommend(rule(CalibrationRow.ALL_VARIANTS, 20, 20, 1)).isPresent(), "1 of 20 is 5%");
    }

    @Test
    void saysNothingWhenNobodyWasTexted() {
        assertEquals(Optional.empty(), DEFAULTS.recommend(rule(CalibrationRow.ALL_VARIANTS, 50, 0, 0)),
                "a rule whose cases were all held out has no response rate to judge it by");
    }

    @Test
    void followsConfiguredThresholds() {
        CalibrationAdvice strict = new CalibrationAdvice(5, 0.5);

        assertTrue(strict.recommend(rule(CalibrationRow.ALL_VARIANTS, 6, 6, 2)).isPresent());
        assertEquals(Optional.empty(), strict.recommend(rule(CalibrationRow.ALL_VARIANTS, 4, 4, 0)));
    }

    @Test
    void refusesThresholdsThatCannotBeMet() {
        assertThrows(IllegalArgumentException.class, () -> new CalibrationAdvice(0, 0.1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CalibrationAdvice(20, 0));
        assertTrue(e.getMessage().contains("max-response-rate"), e.getMessage());
    }

    @Test
    void theReportListsRuleTotalsThenVariantsWithTheirRecommendations() {
        CalibrationReport report = CalibrationReport.of(LocalDate.parse("2024-05-06"), LocalDate.parse("2024-05-13"),
                DEFAULTS, List.of(rule(CalibrationRow.ALL_VARIANTS, 30, 30, 1), rule("base", 10, 10, 0),
                        rule("short-copy", 20, 20, 1)));

        assertEquals(1, report.byRule().size());
        assertEquals(List.of("base", "short-copy"), report.byRuleAndVariant().stream().map(CalibrationRow::variant)
                .toList());
        assertEquals(2, report.recommendations().size(), report.recommendations().toString());
        assertTrue(report.recommendations().get(0).startsWith("rule post-delivery-care fires"));
        assertTrue(report.recommendations().get(1).startsWith("rule post-delivery-care (variant short-copy)"));
        assertEquals(Optional.empty(), report.byRuleAndVariant().get(0).recommendation(), "10 activations: too few");
    }
}
