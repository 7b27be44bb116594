package io.petwatch.sim;

import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.sim.delivery.DeliveryReport;
import io.petwatch.sim.model.ActivityModel;
import io.petwatch.sim.model.CollarFirmware;
import io.petwatch.sim.model.PetProfile;
import io.petwatch.sim.mqtt.PublishSettings;
import io.petwatch.sim.scenario.Episode;
import io.petwatch.sim.scenario.Scenario;
import io.petwatch.sim.suite.Action;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.tinylog.Logger;

/**
 * Publishes N collars' telemetry in accelerated event time: each collar's batches are actions played by the fleet
 * publisher ({@link FleetRun}) at the run's speed, by default as fast as the broker's acknowledgements allow, so
 * days of data take seconds. The data depend only on the seed, never on timing, reconnects or acknowledgements.
 */
public final class Simulation {
    private final SimConfig config;
    private final FleetOptions options;
    private volatile Optional<FleetRun> run = Optional.empty();

    /** As fast as the broker's answers and the rate allow, one batch in flight a collar. */
    public Simulation(SimConfig config) {
        this(config, FleetOptions.DEFAULT);
    }

    public Simulation(SimConfig config, FleetOptions options) {
        this.config = config;
        this.options = options;
    }

    public Scenario scenario() {
        List<String> ids = config.collarIds();
        Scenario base = config.scenario().equals("lethargy")
                ? Scenario.lethargy(ids, config.lethargyCollars(), config.lethargyCount(), config.lethargyLength(),
                        config.start(), config.end(), config.seed())
                : Scenario.healthy();
        for (String id : config.decline().collars()) {
            if (!ids.contains(id)) {
                throw new IllegalArgumentException("declining collar '" + id + "' is not one of the simulated collars");
            }
        }
        List<Episode> episodes = new ArrayList<>(base.episodes());
        episodes.addAll(config.decline().episodes(config.end()));
        return new Scenario(episodes);
    }

    /** The firmware of every collar, without any broker: what {@link #run()} would publish. */
    public List<CollarFirmware> firmware(Scenario scenario) {
        List<String> ids = config.collarIds();
        List<CollarFirmware> collars = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            PetProfile profile = PetProfile.ALL.get(i % PetProfile.ALL.size());
            long collarSeed = config.seed() ^ ((i + 1) * 0x9E3779B97F4A7C15L);
            collars.add(new CollarFirmware(ids.get(i), new ActivityModel(profile, config.zone(), collarSeed), scenario,
                    config.batchMinutes(), config.decline().startOf(ids.get(i), config.start(), config.end()),
                    config.end(), config.decline().collars().contains(ids.get(i))));
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
        Map<String, CollarFirmware> byId = collars.stream()
                .collect(Collectors.toMap(CollarFirmware::collarId, Function.identity()));
        FleetRun fleet = new FleetRun(settings, options);
        run = Optional.of(fleet);
        Logger.info("Publishing {} days of {} collars from {} at speed {}", config.days(), collars.size(),
                config.start(), options.speed());
        DeliveryReport delivery = fleet.play(config.collarIds(), collars.stream().map(this::actions).toList(),
                CollarFirmware.FIRMWARE, id -> byId.get(id).batteryPct());
        Duration took = Duration.between(began, Instant.now());
        delivery = delivery.took(took);
        Logger.info("{} of {} batches acknowledged ({} minutes of data) in {} ms; {} undelivered", delivery.published(),
                delivery.batches(), delivery.samples(), took.toMillis(), delivery.undelivered());
        return new SimReport(config.collarIds(), scenario.episodes(), delivery, took);
    }

    /** What has been delivered so far, for a caller on another thread (a chaos test driving faults, say). */
    public DeliveryReport progress() {
        return run.map(FleetRun::progress).orElse(DeliveryReport.empty(config.collars()));
    }

    /**
     * The collar's batches as it publishes them, made as they are played (a fleet's days of data never sit in
     * memory at once): each goes at the end of its last minute, skipped ones left out.
     */
    private Iterable<Action> actions(CollarFirmware collar) {
        return () -> new Iterator<>() {
            private Optional<TelemetryBatch> next = nextBatch();

            private Optional<TelemetryBatch> nextBatch() {
                return config.skip().next(collar.collarId(), collar::nextBatch);
            }

            @Override
            public boolean hasNext() {
                return next.isPresent();
            }

            @Override
            public Action next() {
                TelemetryBatch batch = next.orElseThrow(NoSuchElementException::new);
                next = nextBatch();
                long lastMinute = batch.getSamples(batch.getSamplesCount() - 1).getMinuteStartMs();
                return new Action.Publish(lastMinute + 60_000L, batch);
            }
        };
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
