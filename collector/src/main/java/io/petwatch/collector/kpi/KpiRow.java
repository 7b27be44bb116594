package io.petwatch.collector.kpi;

import java.util.Optional;

/**
 * The playbook's KPIs for one group of vet-triage cases (all, a day, or a variant). Rates are empty when their
 * denominator is zero; times are seconds.
 *
 * @param group               "all", a day (YYYY-MM-DD, UTC) or a variant name
 * @param texted              cases whose first vet-triage text was sent
 * @param timeToNotifyP50     hub detection to text handed to the provider, median
 * @param collectorNotifyP95  alert accepted by the collector to text handed to the provider, 95th percentile
 * @param responseRate        owners who replied, of those texted
 * @param escalationRate      cases that went to an agent, of cases opened (holdout excluded)
 * @param automationResolutionRate cases closed without an agent, of cases closed
 * @param ticketsPrevented    cases closed without an agent: each would otherwise have been a support ticket
 * @param outcomes            agent-recorded outcomes; falseAlarms of them were false alarms
 */
public record KpiRow(String group, long cases, long texted, long responded, long escalated, long closed,
                     long ticketsPrevented, long falseAlarms, long outcomes, Optional<Double> timeToNotifyP50,
                     Optional<Double> timeToNotifyP95, Optional<Double> collectorNotifyP50,
                     Optional<Double> collectorNotifyP95, Optional<Double> responseRate,
                     Optional<Double> escalationRate, Optional<Double> automationResolutionRate,
                     Optional<Double> falseAlarmRate) {

    static Optional<Double> rate(long part, long whole) {
        return whole == 0 ? Optional.empty() : Optional.of((double) part / whole);
    }
}
