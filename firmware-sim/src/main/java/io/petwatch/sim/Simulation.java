package io.petwatch.sim;

import io.petwatch.proto.v1.CollarStatus;
import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.sim.delivery.DeliveryReport;
import io.petwatch.sim.delivery.FleetPublisher;
import io.petwatch.sim.model.ActivityModel;
import io.petwatch.sim.model.CollarFirmware;
import io.petwatch.sim.model.PetProfile;
import io.petwatch.sim.mqtt.CollarConnection;
import io.petwatch.sim.mqtt.PublishSettings;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.tinylog.Logger;

/**
 * Publishes N collars' telemetry in accelerated event time: all collars advance together, one batch each per
 * round, and a round waits for the broker's acknowledgements (up to the delivery timeout) before the next, so days
 * of data take seconds. The data depend only on the seed, never on timing, reconnects or acknowledgements.
 */
public final class Simulation {
    private final SimConfig config;
    private volatile Optional<FleetPublisher> publisher = Optional.empty();

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

    /**
     * Publishes the whole run. Undelivered batches do not stop it: they are counted in the report, and each collar
     * goes on with its next batch (its seq keeps rising). Fails, before anything is published, on a collar without a
     * password in the credentials file, and on a collar that cannot connect at the start.
     */
    public SimReport run() {
        Instant began = Instant.now();
        PublishSettings settings = config.publishSettings();
        settings.credentials().ifPresent(c -> c.requireAll(config.collarIds()));
        Scenario scenario = scenario();
        config.labels().ifPresent(path -> writeLabels(path, scenario.episodes()));
        List<CollarFirmware> collars = firmware(scenario);
        Map<String, Integer> battery = collars.stream()
                .collect(Collectors.toMap(CollarFirmware::collarId, CollarFirmware::batteryPct));
        List<CollarConnection> connections = settings.connectAll(config.collarIds(), CollarFirmware.FIRMWARE,
                battery::get);
        DeliveryReport delivery;
        try {
            Logger.info("Publishing {} days of {} collars from {}", config.days(), collars.size(), config.start());
            FleetPublisher fleet = new FleetPublisher(connections, settings.pacer(), settings.deliveryTimeout());
            publisher = Optional.of(fleet);
            delivery = fleet.publish(collars.stream()
                    .map(c -> (Supplier<Optional<TelemetryBatch>>) () -> config.skip().next(c.collarId(), c::nextBatch))
                    .toList());
            sayOffline(collars, connections, settings.deliveryTimeout());
        } finally {
            connections.forEach(CollarConnection::close);
        }
        Duration took = Duration.between(began, Instant.now());
        delivery = delivery.took(took);
        Logger.info("{} of {} batches acknowledged ({} minutes of data) in {} ms; {} undelivered", delivery.published(),
                delivery.batches(), delivery.samples(), took.toMillis(), delivery.undelivered());
        return new SimReport(config.collarIds(), scenario.episodes(), delivery, took);
    }

    /** What has been delivered so far, for a caller on another thread (a chaos test driving faults, say). */
    public DeliveryReport progress() {
        return publisher.map(FleetPublisher::progress).orElse(DeliveryReport.empty(config.collars()));
    }

    /** The retained OFFLINE status, bounded: a broker that is away at the end must not hold the run. */
    private static void sayOffline(List<CollarFirmware> collars, List<CollarConnection> connections, Duration timeout) {
        List<CompletableFuture<?>> goodbyes = new ArrayList<>();
        for (int i = 0; i < collars.size(); i++) {
            goodbyes.add(connections.get(i).publishStatus(CollarStatus.Connectivity.OFFLINE, CollarFirmware.FIRMWARE,
                    collars.get(i).batteryPct()));
        }
        try {
            CompletableFuture.allOf(goodbyes.toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            long missing = goodbyes.stream().filter(g -> !g.isDone() || g.isCompletedExceptionally()).count();
            Logger.warn("{} collars could not publish OFFLINE; their wills say it if the broker saw them drop", missing);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("simulation interrupted", e);
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
