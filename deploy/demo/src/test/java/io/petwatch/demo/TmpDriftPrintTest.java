package io.petwatch.demo;

import io.petwatch.gateway.detect.AlertEvent;
import io.petwatch.gateway.detect.DetectionEngine;
import io.petwatch.gateway.detect.DetectorParams;
import io.petwatch.gateway.mqtt.Decoded;
import io.petwatch.gateway.mqtt.TelemetryDecoder;
import io.petwatch.gateway.mqtt.Topics;
import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.sim.SimConfig;
import io.petwatch.sim.Simulation;
import io.petwatch.sim.model.CollarFirmware;
import io.petwatch.sim.scenario.SlowDecline;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TmpDriftPrintTest {
    @Test
    void print() {
        double[][] combos = {{0.5, 27, 5}, {0.5, 25, 7}, {0.55, 24, 8}, {0.45, 30, 4}, {0.5, 30, 4}};
        for (double[] c : combos) {
            for (long seed : new long[] {42, 7}) {
                List<String> ids = IntStream.rangeClosed(1, 12).mapToObj(n -> String.format("collar-%03d", n)).toList();
                SimConfig config = new SimConfig(URI.create("tcp://127.0.0.1:1"), 12, "collar-", 14,
                        Instant.parse("2026-10-01T00:00:00Z"), ZoneOffset.UTC, seed, 60, "healthy", List.of(), 0,
                        Duration.ofHours(96), Optional.empty(), 500)
                        .withDecline(new SlowDecline(ids, 44, (int) c[1], (int) c[2], c[0]));
                Simulation sim = new Simulation(config);
                DetectionEngine engine = new DetectionEngine("hub", ZoneOffset.UTC, id -> DetectorParams.defaults(),
                        Clock.fixed(config.end(), ZoneOffset.UTC));
                TelemetryDecoder decoder = new TelemetryDecoder();
                TreeMap<String, String> out = new TreeMap<>();
                for (CollarFirmware collar : sim.firmware(sim.scenario())) {
                    for (Optional<TelemetryBatch> b = collar.nextBatch(); b.isPresent(); b = collar.nextBatch()) {
                        Decoded d = decoder.decode(Topics.telemetry(collar.collarId()), b.get().toByteArray());
                        for (AlertEvent a : engine.ingest(((Decoded.Batch) d).batch())) {
                            if (a.kind().name().equals("BATTERY_LOW")) continue;
                            out.merge(collar.collarId(), a.kind().name().substring(0, 3) + "@" + Duration.between(
                                    config.end(), Instant.ofEpochMilli(a.detectedAtMs())).toDays(), (x, y) -> x + "," + y);
                        }
                    }
                }
                System.out.println("COMBO " + c[0] + "/" + c[1] + "/" + c[2] + " seed " + seed + ": " + out);
            }
        }
    }
}
