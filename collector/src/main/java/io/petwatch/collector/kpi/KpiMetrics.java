package io.petwatch.collector.kpi;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The last 30 days' KPIs as Prometheus gauges ({@code petwatch_kpi_*} at /q/metrics), recomputed every minute rather
 * than on every scrape so a busy Prometheus never loads the database. A rate without data reads NaN.
 */
@ApplicationScoped
public class KpiMetrics {
    private static final Logger LOG = Logger.getLogger(KpiMetrics.class);

    private final KpiQueries queries;
    private final MeterRegistry registry;
    private final Clock clock;
    private final AtomicReference<Optional<KpiRow>> latest = new AtomicReference<>(Optional.empty());

    public KpiMetrics(KpiQueries queries, MeterRegistry registry, Clock clock) {
        this.queries = queries;
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
    }

    private void gauge(String name, Function<KpiRow, Optional<Double>> value) {
        Gauge.builder(name, latest, l -> l.get().flatMap(value).orElse(Double.NaN))
                .description("last 30 days, see README (KPIs)").register(registry);
    }

    @Scheduled(every = "60s", delay = 5)
    void refresh() {
        try {
            LocalDate end = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1);
            latest.set(Optional.of(queries.report(end.minusDays(30), end).overall()));
        } catch (RuntimeException e) {
            LOG.warnf("KPI gauges not refreshed: %s", e.getMessage());
        }
    }
}
