package io.petwatch.gateway.status;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import io.petwatch.gateway.detect.CollarProgress;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The hub's local window into the gateway, on 127.0.0.1 only: {@code /status} as JSON for a person or a support
 * script, {@code /metrics} in Prometheus text format for fleet monitoring.
 */
public final class StatusServer implements AutoCloseable {
    private final HTTPServer server;

    /**
     * @param status      the gateway's counters
     * @param progress    each collar's learning and batch sequence
     * @param readyDays   days a collar needs before health alerts are on
     */
    public StatusServer(int port, Supplier<GatewayStatus> status, Supplier<Map<String, CollarProgress>> progress,
                        int readyDays) throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        register(registry, status);
        this.server = HTTPServer.builder().hostname("127.0.0.1").port(port).registry(registry)
                .defaultHandler(exchange -> json(exchange, status.get(), progress.get(), readyDays)).buildAndStart();
    }

    public int port() {
        return server.getPort();
    }

    private static void register(PrometheusRegistry registry, Supplier<GatewayStatus> status) {
        GaugeWithCallback.builder().name("petwatch_gateway_mqtt_connected").help("1 when connected to the hub broker")
                .callback(c -> c.call(status.get().connected() ? 1 : 0)).register(registry);
        GaugeWithCallback.builder().name("petwatch_gateway_mqtt_subscribed")
                .help("1 when connected with the collar subscriptions confirmed")
                .callback(c -> c.call(status.get().subscribed() ? 1 : 0)).register(registry);
        CounterWithCallback.builder().name("petwatch_gateway_batches").help("telemetry batches detection received")
                .callback(c -> c.call(status.get().batchesDelivered())).register(registry);
        GaugeWithCallback.builder().name("petwatch_gateway_queued").help("broker messages waiting for detection")
                .callback(c -> c.call(status.get().queued())).register(registry);
        GaugeWithCallback.builder().name("petwatch_gateway_dead_letters")
                .help("alerts set aside because the collector could not take them")
                .callback(c -> c.call(status.get().deadLetters())).register(registry);
        GaugeWithCallback.builder().name("petwatch_gateway_degraded")
                .help("1 while the hub is DEGRADED: batches lost or dropped, alerts shed, detection lagging, broker or"
                        + " uploads failing (the reasons are on /status and in the journal)")
                .callback(c -> c.call(status.get().health().ok() ? 0 : 1)).register(registry);
        CounterWithCallback.builder().name("petwatch_gateway_seq_skipped")
                .help("batches missing from collars' seq runs when later ones arrived (lost between collar and hub)")
                .callback(c -> c.call(status.get().detection().seqSkipped())).register(registry);
        GaugeWithCallback.builder().name("petwatch_gateway_stuck")
                .help("1 when the watchdog found the gateway stuck (it then exits)")
                .callback(c -> c.call(status.get().watchdog().isPresent() ? 1 : 0)).register(registry);
        CounterWithCallback.builder().name("petwatch_gateway_dropped_payloads").help("payloads dropped before detection")
                .labelNames("reason").callback(c -> status.get().droppedByReason()
                        .forEach((reason, n) -> c.call(n, reason))).register(registry);
        GaugeWithCallback.builder().name("petwatch_gateway_collars").help("collars seen")
                .callback(c -> c.call(status.get().detection().collars())).register(registry);
        GaugeWithCallback.builder().name("petwatch_gateway_collars_learning")
                .help("collars still learning their pet's normal (no health alerts yet)")
                .callback(c -> c.call(status.get().detection().warmingUp())).register(registry);
        CounterWithCallback.builder().name("petwatch_gateway_alerts_raised").help("alerts raised by detection")
                .callback(c -> c.call(status.get().detection().alertsRaised())).register(registry);
        GaugeWithCallback.builder().name("petwatch_gateway_outbox_depth").help("alerts waiting for the collector")
                .callback(c -> c.call(status.get().pendingAlerts())).register(registry);
        CounterWithCallback.builder().name("petwatch_gateway_outbox_dropped").help("alerts dropped from a full outbox")
                .callback(c -> c.call(status.get().droppedAlerts())).register(registry);
        GaugeWithCallback.builder().name("petwatch_gateway_uplink_last_success_timestamp_seconds")
                .help("when the collector last settled a batch (0: never)")
                .callback(c -> c.call(status.get().lastUplinkSuccessMs() / 1000.0)).register(registry);
    }

    private static void json(HttpExchange exchange, GatewayStatus s, Map<String, CollarProgress> collars, int readyDays)
            throws IOException {
        if (!exchange.getRequestURI().getPath().equals("/status")) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (JsonGenerator json = new JsonFactory().createGenerator(body)) {
            json.writeStartObject();
            json.writeStringField("state", s.health().state());
            json.writeArrayFieldStart("degraded_reasons");
            for (String reason : s.health().reasons()) {
                json.writeString(reason);
            }
            json.writeEndArray();
            json.writeBooleanField("mqtt_connected", s.connected());
            json.writeBooleanField("mqtt_subscribed", s.subscribed());
            json.writeStringField("watchdog", s.watchdog().orElse(""));
            json.writeNumberField("batches", s.batchesDelivered());
            json.writeNumberField("queued", s.queued());
            json.writeNumberField("seq_skipped", s.detection().seqSkipped());
            json.writeNumberField("alerts_raised", s.detection().alertsRaised());
            json.writeNumberField("outbox_depth", s.pendingAlerts());
            json.writeNumberField("outbox_dropped", s.droppedAlerts());
            json.writeStringField("last_uplink_success", s.lastUplinkSuccessMs() == 0 ? "never"
                    : Instant.ofEpochMilli(s.lastUplinkSuccessMs()).toString());
            json.writeStringField("uplink_failure", s.uplinkFailure().orElse(""));
            json.writeNumberField("dead_letters", s.deadLetters());
            json.writeStringField("last_dead_letter", s.lastDeadLetter().orElse(""));
            json.writeObjectFieldStart("dropped_payloads");
            for (Map.Entry<String, Long> e : s.droppedByReason().entrySet()) {
                json.writeNumberField(e.getKey(), e.getValue());
            }
            json.writeEndObject();
            json.writeObjectFieldStart("collars");
            for (Map.Entry<String, CollarProgress> e : collars.entrySet()) {
                json.writeObjectFieldStart(e.getKey());
                json.writeStringField("baseline", e.getValue().learnedDays() >= readyDays ? "ready" : "learning");
                json.writeNumberField("learned_days", e.getValue().learnedDays());
                json.writeNumberField("highest_seq", e.getValue().highestSeq());
                json.writeNumberField("missing_seqs", e.getValue().missingSeqs());
                json.writeArrayFieldStart("missing");
                for (long seq : e.getValue().firstMissing()) {
                    json.writeNumber(seq);
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeEndObject();
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.size());
        try (OutputStream out = exchange.getResponseBody()) {
            body.writeTo(out);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
