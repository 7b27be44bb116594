package io.petwatch.collector.kpi;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The last 30 days' KPIs as Prometheus gauges ({@code petwatch_kpi_*} at /q/metrics), recomputed every minute rather
 * than on every scrape so a busy Prometheus never loads the database. A rate without data reads NaN. The trigger
 * calibration report's figures are gauges tagged with rule and variant ({@code petwatch_kpi_calibration_*}), the
 * per-signal figures tagged with signal ({@code petwatch_kpi_signal_*}).
 */
@ApplicationScoped
public class KpiMetrics {
    private static final Logger LOG = Logger.getLogger(KpiMetrics.class);

    private static final Map<String, Function<CalibrationRow, Optional<Double>>> CALIBRATION = new LinkedHashMap<>();
    private static final Map<String, Function<SignalRow, Optional<Double>>> SIGNALS = new LinkedHashMap<>();

    static {
        CALIBRATION.put("petwatch.kpi.calibration.activations", r -> Optional.of((double) r.activations()));
        CALIBRATION.put("petwatch.kpi.calibration.messages.sent", r -> Optional.of((double) r.messagesSent()));
        CALIBRATION.put("petwatch.kpi.calibration.response.rate", CalibrationRow::responseRate);
        CALIBRATION.put("petwatch.kpi.calibration.resolution.without.agent.rate",
                CalibrationRow::resolutionWithoutAgentRate);
        CALIBRATION.put("petwatch.kpi.calibration.opt.outs", r -> Optional.of((double) r.optedOut()));
        CALIBRATION.put("petwatch.kpi.calibration.false.alarms", r -> Optional.of((double) r.falseAlarms()));
        CALIBRATION.put("petwatch.kpi.calibration.recommended",
                r -> Optional.of(r.recommendation().isPresent() ? 1.0 : 0.0));
        SIGNALS.put("petwatch.kpi.signal.cases", r -> Optional.of((double) r.cases()));
        SIGNALS.put("petwatch.kpi.signal.tickets.prevented", r -> Optional.of((double) r.ticketsPrevented()));
        SIGNALS.put("petwatch.kpi.signal.time.to.notify.p50.seconds", SignalRow::timeToNotifyP50);
        SIGNALS.put("petwatch.kpi.signal.time.to.notify.p95.seconds", SignalRow::timeToNotifyP95);
    }

    private final KpiQueries queries;
    private final CalibrationQueries calibration;
    private final MeterRegistry registry;
    private final Clock clock;
    private final AtomicReference<Optional<KpiRow>> latest = new AtomicReference<>(Optional.empty());
    private final Map<String, MultiGauge> tagged = new LinkedHashMap<>();

    public KpiMetrics(KpiQueries queries, CalibrationQueries calibration, MeterRegistry registry, Clock clock) {
        this.queries = queries;
        this.calibration = calibration;
        this.registry = registry;
        this.clock = clock;
    }

    void register(@Observes StartupEvent event) {
        gauge("petwatch.kpi.cases", r -> Optional.of((double) r.cases()));
        gauge("petwatch.kpi.holdout.cases", r -> Optional.of((double) r.holdoutCases()));
        gauge("petwatch.kpi.tickets.prevented", r -> Optional.of((double) r.ticketsPrevented()));
        gauge("petwatch.kpi.response.rate", KpiRow::responseRate);
        gauge("petwatch.kpi.escalation.rate", KpiRow::escalationRate);
        gauge("petwatch.kpi.automation.resolution.rate", KpiRow::automationResolutionRate);
        gauge("petwatch.kpi.false.alarm.rate", KpiRow::falseAlarmRate);
        gauge("petwatch.kpi.time.to.notify.p50.seconds", KpiRow::timeToNotifyP50);
        gauge("petwatch.kpi.time.to.notify.p95.seconds", KpiRow::timeToNotifyP95);
        gauge("petwatch.kpi.collector.notify.p95.seconds", KpiRow::collectorNotifyP95);
        for (String name : CALIBRATION.keySet()) {
            tagged.put(name, MultiGauge.builder(name).description("last 30 days, per rule and variant, see README"
                    + " (KPIs: trigger calibration)").register(registry));
        }
        for (String name : SIGNALS.keySet()) {
            tagged.put(name, MultiGauge.builder(name).description("last 30 days, per signal, see README (KPIs)")
                    .register(registry));
        }
    }

    private void gauge(String name, Function<KpiRow, Optional<Double>> value) {
        Gauge.builder(name, latest, l -> l.get().flatMap(value).orElse(Double.NaN))
                .description("last 30 days, see README (KPIs)").register(registry);
    }

    @Scheduled(every = "60s", delay = 5)
    void refresh() {
        try {
            LocalDate end = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1);
            KpiReport report = queries.report(end.minusDays(30), end);
            latest.set(Optional.of(report.overall()));
            CalibrationReport rules = calibration.calibration(end.minusDays(30), end);
            List<CalibrationRow> rows = new java.util.ArrayList<>(rules.byRule());
            rows.addAll(rules.byRuleAndVariant());
            CALIBRATION.forEach((name, value) -> tagged.get(name).register(rows.stream()
                    .map(r -> MultiGauge.Row.of(Tags.of("rule", r.rule(), "variant", r.variant()),
                            value.apply(r).orElse(Double.NaN))).toList(), true));
            SIGNALS.forEach((name, value) -> tagged.get(name).register(report.bySignal().stream()
                    .map(r -> MultiGauge.Row.of(Tags.of("signal", r.signal()), value.apply(r).orElse(Double.NaN)))
                    .toList(), true));
        } catch (RuntimeException e) {
            LOG.warnf("KPI gauges not refreshed: %s", e.getMessage());
        }
    }
}
