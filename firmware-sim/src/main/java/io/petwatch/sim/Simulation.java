package io.petwatch.sim;

import io.petwatch.proto.v1.CollarStatus;
import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.sim.model.ActivityModel;
import io.petwatch.sim.model.CollarFirmware;
import io.petwatch.sim.model.PetProfile;
import io.petwatch.sim.mqtt.CollarConnection;
import io.petwatch.sim.scenario.Episode;
import io.petwatch.sim.scenario.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.tinylog.Logger;

/**
 * Publishes N collars' telemetry in accelerated event time: all collars advance together, one batch each per
 * round, and a round waits for the broker's acknowledgements before the next, so days of data take seconds.
 */
public final class Simulation {
    private final SimConfig config;

    public Simulation(SimConfig config) {
        this.config = config;
    }

    public Scenario scenario() {
        List<String> ids = config.collarIds();
        return config.scenario().equals("lethargy")
                ? Scenario.lethargy(ids, config.lethargyCollars(), config.lethargyCount(), config.lethargyLength(),
                        config.start(), config.end(), config.seed())
                : Scenario.healthy();
    }

    /** The firmware of every collar, without any broker: what {@link #run()} would publish. */
    public List<CollarFirmware> firmware(Scenario scenario) {
        List<String> ids = config.collarIds();
        List<CollarFirmware> collars = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            PetProfile profile = PetProfile.ALL.get(i % PetProfile.ALL.size());
            long collarSeed = config.seed() ^ ((i + 1) * 0x9E3779B97F4A7C15L);
            collars.add(new CollarFirmware(ids.get(i), new ActivityModel(profile, config.zone(), collarSeed), scenario,
                    config.batchMinutes(), config.start(), config.end()));
        }
        return collars;
    }

    public SimReport run() {
        Instant began = Instant.now();
        Scenario scenario = scenario();
        config.labels().ifPresent(path -> writeLabels(path, scenario.episodes()));
        List<CollarFirmware> collars = firmware(scenario);
        List<CollarConnection> connections = new ArrayList<>();
        long batches = 0;
        long samples = 0;
        try {
            for (CollarFirmware collar : collars) {
                CollarConnection connection = new CollarConnection(config.broker(), collar.collarId(),
                        CollarFirmware.FIRMWARE, collar.batteryPct());
                connection.connect(CollarFirmware.FIRMWARE, collar.batteryPct());
                connections.add(connection);
            }
            Logger.info("{} collars online at {}; publishing {} days from {}", collars.size(), config.broker(),
                    config.days(), config.start());
            long paceStart = System.nanoTime();
            boolean more = true;
            while (more) {
                pace(paceStart, batches);
                more = false;
                List<CompletableFuture<?>> acks = new ArrayList<>();
                for (int i = 0; i < collars.size(); i++) {
                    Optional<TelemetryBatch> batch = collars.get(i).nextBatch();
                    if (batch.isPresent()) {
                        acks.add(connections.get(i).publish(batch.get()));
                        batches++;
                        samples += batch.get().getSamplesCount();
                        more = true;
                    }
                }
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
            }
            for (int i = 0; i < collars.size(); i++) {
                connections.get(i).publishStatus(CollarStatus.Connectivity.OFFLINE, CollarFirmware.FIRMWARE,
                        collars.get(i).batteryPct()).join();
            }
        } finally {
            connections.forEach(CollarConnection::close);
        }
        Duration took = Duration.between(began, Instant.now());
        Logger.info("Published {} batches ({} minutes of data) in {} ms", batches, samples, took.toMillis());
        return new SimReport(config.collarIds(), scenario.episodes(), batches, samples, took);
    }

    /** Sleeps until {@code published} batches are due at the configured rate. */
    private void pace(long startNanos, long published) {
        long dueNanos = startNanos + published * 1_000_000_000L / config.rate();
        long waitMs = (dueNanos - System.nanoTime()) / 1_000_000L;
        if (waitMs > 0) {
            try {
                Thread.sleep(waitMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("simulation interrupted", e);
            }
        }
    }

    private static void writeLabels(Path path, List<Episode> episodes) {
        StringBuilder out = new StringBuilder();
        for (Episode e : episodes) {
            out.append(String.format("{\"collar\":\"%s\",\"kind\":\"%s\",\"start\":\"%s\",\"end\":\"%s\"}%n",
                    e.collarId(), e.kind(), e.start(), e.end()));
        }
        try {
            Files.writeString(path, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write labels to " + path, e);
        }
    }
}
