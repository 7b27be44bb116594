package io.petwatch.collector.kpi;

import java.util.Optional;

/**
 * One row of the trigger calibration report: the cases a playbook rule opened in the range, for one script variant
 * or for all of them ({@link #ALL_VARIANTS}). Rates are empty when their denominator is zero.
 *
 * @param rule                 the rule's script name ({@code outreach_cases.rule}; for cases opened before rules were
 *                             recorded, the case's first message template, else its kind)
 * @param activations          cases the rule opened, holdout cases included
 * @param holdout              of them, the holdout group's (never texted)
 * @param texted               cases with at least one message sent
 * @param messagesSent         messages sent for these cases, every template and channel
 * @param responded            texted cases whose owner texted back (not STOP or START)
 * @param closed               cases closed (recovered or resolved, an agent's outcome, or discarded)
 * @param resolvedWithoutAgent cases closed by their trigger's own resolution with outreach and no person involved:
 *                             never escalated, no agent task, never held for an incident (tickets prevented)
 * @param optedOut             cases whose owner texted STOP after one of their messages
 * @param outcomes             cases an agent closed with an outcome; falseAlarms of them said the alert was wrong
 * @param recommendation       what to do about the rule, when it fires often and is rarely answered
 */
public record CalibrationRow(String rule, String variant, long activations, long holdout, long texted,
                             long messagesSent, long responded, long closed, long resolvedWithoutAgent, long optedOut,
                             long outcomes, long falseAlarms, Optional<Double> responseRate,
                             Optional<Double> resolutionWithoutAgentRate, Optional<Double> optOutRate,
                             Optional<Double> falseAlarmRate, Optional<String> recommendation) {
    /** The variant of a rule's total row. */
    public static final String ALL_VARIANTS = "all";

    /** A row from its counts, its rates worked out, with no recommendation yet. */
    public static CalibrationRow of(String rule, String variant, long activations, long holdout, long texted,
                                    long messagesSent, long responded, long closed, long resolvedWithoutAgent,
                                    long optedOut, long outcomes, long falseAlarms) {
        return new CalibrationRow(rule, variant, activations, holdout, texted, messagesSent, responded, closed,
                resolvedWithoutAgent, optedOut, outcomes, falseAlarms, KpiRow.rate(responded, texted),
                KpiRow.rate(resolvedWithoutAgent, closed), KpiRow.rate(optedOut, texted),
                KpiRow.rate(falseAlarms, outcomes), Optional.empty());
    }

    /** The row as the advice judges it. */
    public CalibrationRow advisedBy(CalibrationAdvice advice) {
        return new CalibrationRow(rule, variant, activations, holdout, texted, messagesSent, responded, closed,
                resolvedWithoutAgent, optedOut, outcomes, falseAlarms, responseRate, resolutionWithoutAgentRate,
                optOutRate, falseAlarmRate, advice.recommend(this));
    }
}
