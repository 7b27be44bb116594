package io.petwatch.sim.metrics;

import io.petwatch.sim.delivery.Delivery;
import io.petwatch.sim.delivery.Percentiles;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.SummaryWithCallback;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.function.ToLongFunction;

/** {@code /metrics} on 127.0.0.1 in Prometheus text format: the run's figures while it runs. */
public final class MetricsServer implements AutoCloseable {
    private static final String PREFIX = "petwatch_sim_";

    private final HTTPServer server;

    /** Serves {@code metrics} on {@code port}, 0 for a free one (see {@link #port()}). */
    public MetricsServer(int port, FleetMetrics metrics) {
        PrometheusRegistry registry = new PrometheusRegistry();
        register(registry, metrics);
        try {
            server = HTTPServer.builder().hostname("127.0.0.1").port(port).registry(registry).buildAndStart();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on 127.0.0.1:" + port, e);
        }
    }

    public int port() {
        return server.getPort();
    }

    private static void register(PrometheusRegistry registry, FleetMetrics m) {
        GaugeWithCallback.builder().name(PREFIX + "collars").help("collars in the run")
                .callback(c -> c.call(m.collars())).register(registry);
        GaugeWithCallback.builder().name(PREFIX + "collars_online").help("collars connected now")
                .callback(c -> c.call(m.online())).register(registry);
        GaugeWithCallback.builder().name(PREFIX + "in_flight")
                .help("batches handed to collars and not yet answered").callback(c -> c.call(m.inFlight()))
                .register(registry);
        counter(registry, "collars_connected", "collars whose first connection succeeded", FleetMetrics::collarsConnected, m);
        counter(registry, "connect_failures", "connection attempts that failed", FleetMetrics::connectFailures, m);
        counter(registry, "reconnects", "connections made again after a drop or an outage", FleetMetrics::reconnects, m);
        counter(registry, "drops", "scripted connection drops", FleetMetrics::drops, m);
        counter(registry, "batches_sent", "batches put on the wire", FleetMetrics::sent, m);
        counter(registry, "malformed_sent", "payloads that are not a batch, acknowledged", FleetMetrics::malformedSent, m);
        CounterWithCallback.builder().name(PREFIX + "batches_settled")
                .help("what became of handed batches: acknowledged, refused, failed, not_sent, unconfirmed")
                .labelNames("status").callback(c -> {
                    for (Delivery.Status s : Delivery.Status.values()) {
                        c.call(m.count(s), s.name().toLowerCase(Locale.ROOT));
                    }
                }).register(registry);
        summary(registry, "ack_latency_seconds", "publish to PUBACK of acknowledged batches", m.ackLatency());
        summary(registry, "connect_seconds", "CONNECT to CONNACK", m.connectTime());
    }

    private static void counter(PrometheusRegistry registry, String name, String help,
                                ToLongFunction<FleetMetrics> value, FleetMetrics m) {
        CounterWithCallback.builder().name(PREFIX + name).help(help).callback(c -> c.call(value.applyAsLong(m)))
                .register(registry);
    }

    private static void summary(PrometheusRegistry registry, String name, String help, LatencyRecorder recorder) {
        SummaryWithCallback.builder().name(PREFIX + name).help(help).callback(c -> {
            Percentiles p = recorder.percentiles();
            c.call(p.count(), recorder.sumSeconds(), Quantiles.of(new Quantile(0.5, p.p50() / 1000),
                    new Quantile(0.9, p.p90() / 1000), new Quantile(0.99, p.p99() / 1000),
                    new Quantile(0.999, p.p999() / 1000), new Quantile(1.0, p.max() / 1000)));
        }).register(registry);
    }

    @Override
    public void close() {
        server.close();
    }
}
