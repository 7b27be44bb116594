package io.petwatch.sim.scenariofile;

import io.petwatch.sim.model.PetProfile;
import io.petwatch.sim.suite.CollarScript;
import io.petwatch.sim.suite.Effect;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Makes a scenario file's collars. Deterministic for the file's seed, and laid out as the scored suite is, so that a
 * file can reproduce it: collar n (counting from 0 over all fleets, in file order) has the seed
 * {@code seed ^ (n + 1) * 0x9E3779B97F4A7C15} and its own random stream, split in collar order from one seeded by the
 * run's seed; every draw for a collar (a start within {@code within}, a factor LOW..HIGH, a reconnect's jitter) comes
 * from its stream in timeline order. Which collars an event picks (count, share) is drawn from a stream of the event's
 * own; mixes from a stream of the fleet's own.
 */
public final class ScenarioCompiler {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private ScenarioCompiler() {
    }

    /** Reads and compiles a file. */
    public static CompiledScenario load(Path file) {
        return compile(new ScenarioFileReader().read(file));
    }

    public static CompiledScenario compile(ScenarioFile file) {
        ScenarioFile.Run run = file.run();
        SplittableRandom streams = new SplittableRandom(run.seed());
        List<Collar> collars = new ArrayList<>();
        for (int f = 0; f < file.fleets().size(); f++) {
            ScenarioFile.Fleet fleet = file.fleets().get(f);
            List<PetProfile> pets = fleet.pets().assign(fleet.count(), mixStream(run, f, 1));
            List<String> firmware = fleet.firmware().assign(fleet.count(), mixStream(run, f, 2));
            List<String> hubs = fleet.hubModels().assign(fleet.count(), mixStream(run, f, 3));
            List<ZoneId> zones = fleet.zones().assign(fleet.count(), mixStream(run, f, 4));
            List<String> ids = fleet.collarIds();
            for (int i = 0; i < fleet.count(); i++) {
                long seed = run.seed() ^ (collars.size() + 1) * GOLDEN;
                collars.add(new Collar(fleet, ids.get(i), pets.get(i), zones.get(i), firmware.get(i), hubs.get(i),
                        seed, streams.split(), new EventKind.Parts(ids.get(i))));
            }
        }
        collars.forEach(c -> battery(c, run));
        for (int e = 0; e < file.timeline().size(); e++) {
            ScenarioFile.Event event = file.timeline().get(e);
            for (Collar c : targets(event, e, run, collars)) {
                place(event, run, c);
            }
        }
        return new CompiledScenario(run, collars.stream().map(c -> c.script(run)).toList());
    }

    private static SplittableRandom mixStream(ScenarioFile.Run run, int fleet, int mix) {
        return new SplittableRandom(run.seed() ^ 0xF1EE7L * (fleet + 1) ^ (long) mix << 48);
    }

    /** A battery dying at a set moment, or drained flat before the end, is a fault with a label. */
    private static void battery(Collar c, ScenarioFile.Run run) {
        ScenarioFile.Device device = c.fleet.device();
        device.diesAt().ifPresent(when -> {
            Instant at = when.resolve(run.start(), c.zone);
            c.parts.effect(new Effect.BatteryDies(at));
            c.parts.label("battery_dead", at, run.end());
        });
        if (device.diesAt().isEmpty()) {
            device.profile().battery().flatAt(run.start()).filter(t -> t.isBefore(run.end()))
                    .ifPresent(t -> c.parts.label("battery_dead", t, run.end()));
        }
    }

    private static List<Collar> targets(ScenarioFile.Event event, int index, ScenarioFile.Run run,
                                        List<Collar> collars) {
        List<Collar> candidates = collars.stream()
                .filter(c -> event.target().fleet().map(f -> f.equals(c.fleet.name())).orElse(true)).toList();
        Target.Pick pick = event.target().pick();
        if (pick instanceof Target.Named named) {
            return candidates.stream().filter(c -> named.collars().contains(c.id)).toList();
        }
        int count = candidates.size();
        if (pick instanceof Target.Count n) {
            count = Math.min(n.count(), candidates.size());
        } else if (pick instanceof Target.Share s) {
            count = s.of(candidates.size());
        }
        if (count == candidates.size()) {
            return candidates;
        }
        List<Integer> order = IntStream.range(0, candidates.size()).boxed().collect(Collectors.toList());
        SplittableRandom random = new SplittableRandom(run.seed() ^ 0x7A26E7L * (index + 1));
        for (int i = order.size() - 1; i > 0; i--) { // Fisher-Yates on the event's own stream
            int j = random.nextInt(i + 1);
            Integer tmp = order.get(i);
            order.set(i, order.get(j));
            order.set(j, tmp);
        }
        return order.subList(0, count).stream().sorted().map(candidates::get).toList();
    }

    private static void place(ScenarioFile.Event event, ScenarioFile.Run run, Collar c) {
        Instant start = event.at().map(w -> w.resolve(run.start(), c.zone)).orElse(run.start());
        if (event.within().isPresent()) {
            start = start.plus(Duration.ofMinutes(c.random.nextInt((int) event.within().get().toMinutes())));
        }
        Instant end = event.length().map(start::plus).orElse(run.end());
        c.parts.labelled(event.label());
        event.what().apply(new EventKind.Placement(event, run, c.id, c.pet, c.zone, start, end, c.random), c.parts);
        c.parts.labelled(true);
    }

    /** One collar while its events are placed. */
    private record Collar(ScenarioFile.Fleet fleet, String id, PetProfile pet, ZoneId zone, String firmware,
                          String hub, long seed, SplittableRandom random, EventKind.Parts parts) {
        CollarScript script(ScenarioFile.Run run) {
            ScenarioFile.Device device = fleet.device();
            return new CollarScript(id, fleet.name(), pet, zone, seed, device.wearSensing(), device.profile(),
                    run.start(), run.end(), parts.effects(), parts.labels(), firmware, hub, List.of());
        }
    }
}
