package io.petwatch.demo;

import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.sim.SimConfig;
import io.petwatch.sim.Simulation;
import io.petwatch.sim.model.CollarFirmware;
import io.petwatch.sim.mqtt.CollarConnection;
import io.petwatch.sim.scenario.Episode;
import io.petwatch.sim.scenario.Scenario;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The simulator's collars (firmware-sim's models and MQTT connections), published one round of batches at a time so
 * a test can stop between rounds: restart a broker, kill a gateway, take a collector down.
 */
final class CollarFleet implements AutoCloseable {
    static final long RATE = 500;
    private final List<CollarFirmware> collars;
    private final Scenario scenario;
    private final List<CollarConnection> connections = new ArrayList<>();
    private long published;

    /** {@code collars} seeded collars (collar-001...), {@code sick} of them lethargic for {@code episode}. */
    CollarFleet(int collars, int days, int sick, Duration episode) {
        SimConfig config = new SimConfig(URI.create(EndToEnd.BROKER), collars, "collar-", days,
                Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(days)), ZoneOffset.UTC, 7, 60,
                "lethargy", List.of(), sick, episode, Optional.empty(), 1000);
        Simulation simulation = new Simulation(config);
        this.scenario = simulation.scenario();
        this.collars = simulation.firmware(scenario);
    }

    /** (Re)connects every collar to {@code broker}. */
    CollarFleet connect(String broker) {
        disconnect();
        for (CollarFirmware collar : collars) {
            CollarConnection c = new CollarConnection(URI.create(broker), collar.collarId(), CollarFirmware.FIRMWARE,
                    collar.batteryPct());
            c.connect(CollarFirmware.FIRMWARE, collar.batteryPct());
            connections.add(c);
        }
        return this;
    }

    /**
     * Publishes up to {@code rounds} hourly rounds (one batch per collar each), waiting for the broker's acks and
     * pacing to {@link #RATE} batches a second: an unpaced fleet can get more than Mosquitto's default 1000 queued
     * messages ahead of a busy subscriber, and Mosquitto then drops QoS 1 messages for it.
     */
    long publishRounds(int rounds) {
        long before = published;
        long began = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            long due = began + (published - before) * 1_000_000_000L / RATE;
            long wait = (due - System.nanoTime()) / 1_000_000L;
            if (wait > 0) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while publishing", e);
                }
            }
            List<CompletableFuture<?>> acks = new ArrayList<>();
            for (int i = 0; i < collars.size(); i++) {
                Optional<TelemetryBatch> batch = collars.get(i).nextBatch();
                if (batch.isPresent()) {
                    acks.add(connections.get(i).publish(batch.get()));
                    published++;
                }
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
            if (acks.isEmpty()) {
                break;
            }
        }
        return published - before;
    }

    long publishRest() {
        return publishRounds(Integer.MAX_VALUE);
    }

    long published() {
        return published;
    }

    List<Episode> episodes() {
        return scenario.episodes();
    }

    Set<String> sickCollars() {
        return episodes().stream().map(Episode::collarId).collect(Collectors.toCollection(TreeSet::new));
    }

    void disconnect() {
        connections.forEach(CollarConnection::close);
        connections.clear();
    }

    @Override
    public void close() {
        disconnect();
    }
}
