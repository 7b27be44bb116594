package io.petwatch.collector.kpi;

import java.util.Optional;

/**
 * What the playbook did for one signal's cases (COLLAR, PAYMENT, DELIVERY, SURVEY, and ACTIVITY_DRIFT: the collar
 * cases of that kind again, on a row of their own). Times are seconds; empty without a case texted.
 *
 * @param cases               cases opened, holdout cases included
 * @param texted              of them, cases with a message sent
 * @param ticketsPrevented    cases closed by their trigger's own resolution with no person involved (as in
 *                            {@link KpiRow#ticketsPrevented()})
 * @param timeToNotifyP50     trigger detected to the case's first message handed to the provider, median
 * @param automationResolutionRate tickets prevented, of cases closed
 */
public record SignalRow(String signal, long cases, long texted, long closed, long ticketsPrevented,
                        Optional<Double> automationResolutionRate, Optional<Double> timeToNotifyP50,
                        Optional<Double> timeToNotifyP95) {
}
