package io.petwatch.collector.kpi;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The trigger calibration report for a range of UTC days ({@code from} inclusive, {@code to} exclusive): per rule
 * (variant "all") and per rule and variant, with the thresholds the recommendations were made by.
 *
 * @param recommendations every row's recommendation, rule totals first
 */
public record CalibrationReport(LocalDate from, LocalDate to, CalibrationAdvice thresholds, List<CalibrationRow> byRule,
                               List<CalibrationRow> byRuleAndVariant, List<String> recommendations) {
    static CalibrationReport of(LocalDate from, LocalDate to, CalibrationAdvice advice, List<CalibrationRow> rows) {
        List<CalibrationRow> advised = rows.stream().map(r -> r.advisedBy(advice)).toList();
        List<CalibrationRow> byRule = advised.stream()
                .filter(r -> r.variant().equals(CalibrationRow.ALL_VARIANTS)).toList();
        List<CalibrationRow> byVariant = advised.stream()
                .filter(r -> !r.variant().equals(CalibrationRow.ALL_VARIANTS)).toList();
        List<String> recommendations = java.util.stream.Stream.concat(byRule.stream(), byVariant.stream())
                .map(CalibrationRow::recommendation).flatMap(Optional::stream).toList();
        return new CalibrationReport(from, to, advice, byRule, byVariant, recommendations);
    }
}
