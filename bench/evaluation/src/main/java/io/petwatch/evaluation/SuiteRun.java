package io.petwatch.evaluation;

import io.petwatch.gateway.detect.AlertEvent;
import io.petwatch.gateway.detect.DetectionEngine;
import io.petwatch.gateway.detect.DetectorParams;
import io.petwatch.gateway.mqtt.Decoded;
import io.petwatch.gateway.mqtt.TelemetryDecoder;
import io.petwatch.gateway.mqtt.Topics;
import io.petwatch.sim.suite.CollarScript;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs scripted collars through the gateway's own decoder and detectors, in process. Each collar gets a hub of
 * its own (its household's zone); the hub's clock advances hour by hour, delivering what arrived in that hour
 * and ticking detection, so silence and late data behave as they would live.
 */
final class SuiteRun {
    private static final long HOUR_MS = 3_600_000L;

    /** Alerts raised for the scripts, and what the run cost. */
    record Result(List<CollarScript> scripts, List<AlertEvent> alerts, long samples, Duration took) {
    }

    static Result run(List<CollarScript> scripts, DetectorParams params) {
        Instant began = Instant.now();
        TelemetryDecoder decoder = new TelemetryDecoder();
        List<AlertEvent> alerts = new ArrayList<>();
        long samples = 0;
        for (CollarScript script : scripts) {
            DetectionEngine hub = new DetectionEngine("hub-eval", script.zone(), id -> params,
                    Clock.fixed(script.end().plus(Duration.ofDays(2)), ZoneOffset.UTC));
            List<CollarScript.Delivery> deliveries = script.deliveries();
            int next = 0;
            for (long now = script.start().toEpochMilli() + HOUR_MS; now <= script.end().toEpochMilli() + HOUR_MS;
                 now += HOUR_MS) {
                while (next < deliveries.size() && deliveries.get(next).atMs() <= now) {
                    byte[] wire = deliveries.get(next++).batch().toByteArray();
                    Decoded decoded = decoder.decode(Topics.telemetry(script.collarId()), wire);
                    if (!(decoded instanceof Decoded.Batch batch)) {
                        throw new IllegalStateException("the simulator produced an undecodable batch: " + decoded);
                    }
                    samples += batch.batch().samples().size();
                    alerts.addAll(hub.ingest(batch.batch()));
                }
                alerts.addAll(hub.tick(now));
            }
        }
        return new Result(scripts, alerts, samples, Duration.between(began, Instant.now()));
    }
}
