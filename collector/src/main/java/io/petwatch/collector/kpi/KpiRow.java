package io.petwatch.collector.kpi;

import java.util.Optional;

/**
 * The playbook's KPIs for one group of vet-triage cases (all, a day, or a variant). Rates are empty when their
 * denominator is zero; times are seconds.
 *
 * @param group               "all", a day (YYYY-MM-DD, UTC) or a variant name ("holdout" for the holdout group)
 * @param cases               vet-triage cases opened, the holdout group's included
 * @param outreachCases       of them, those that got outreach (holdout excluded)
 * @param holdoutCases        of them, the holdout group's: kept, with no outreach, to measure lift
 * @param texted              cases whose first vet-triage text was sent
 * @param timeToNotifyP50     hub detection to text handed to the provider, median
 * @param collectorNotifyP95  alert accepted by the collector to text handed to the provider, 95th percentile
 * @param responseRate        owners who replied, of those texted
 * @param escalationRate      cases that went to an agent, of outreach cases
 * @param automationResolutionRate tickets prevented, of cases closed
 * @param ticketsPrevented    cases the automation saw through alone: closed by the pet's recovery, never escalated,
 *                            never held by a fleet incident, no owner's reply needing a person. Each would otherwise
 *                            have been a support ticket; a case an operator discarded with a storm is not one
 * @param outcomes            agent-recorded outcomes; falseAlarms of them were false alarms
 * @param optedOut            texted cases whose owner texted STOP while the case was open (OPTED_OUT on the trail);
 *                            optOutRate is of the cases texted
 */
public record KpiRow(String group, long cases, long outreachCases, long holdoutCases, long texted, long responded, long escalated, long closed,
                     long ticketsPrevented, long falseAlarms, long outcomes, long optedOut, Optional<Double> timeToNotifyP50,
                     Optional<Double> timeToNotifyP95, Optional<Double> collectorNotifyP50,
                     Optional<Double> collectorNotifyP95, Optional<Double> responseRate,
                     Optional<Double> escalationRate, Optional<Double> automationResolutionRate,
                     Optional<Double> falseAlarmRate, Optional<Double> optOutRate) {

    static Optional<Double> rate(long part, long whole) {
        return whole == 0 ? Optional.empty() : Optional.of((double) part / whole);
    }
}
