package io.petwatch.collector.kpi;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The KPI API's answer for a date range (UTC days, {@code from} inclusive, {@code to} exclusive).
 *
 * @param optOutRate          owners who texted STOP, of the owners texted in the range
 * @param falseAlarmRateByDetector false alarms of agent-recorded outcomes, per detector
 * @param bySignal            every signal's cases (not only vet triage): tickets prevented and time to notify
 */
public record KpiReport(LocalDate from, LocalDate to, KpiRow overall, List<KpiRow> byDay, List<KpiRow> byVariant,
                        Optional<Double> optOutRate, Map<String, Double> falseAlarmRateByDetector,
                        List<SignalRow> bySignal) {
}
