package io.petwatch.sim.scenariofile;

import io.petwatch.sim.play.Speed;
import io.petwatch.sim.input.Closest;
import io.petwatch.sim.input.InputException;
import io.petwatch.sim.input.TextFile;
import io.petwatch.sim.model.PetProfile;
import io.petwatch.sim.suite.CollarScript;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads a scenario file (schema: firmware-sim/scenarios/SCHEMA.md). The YAML is composed to a node tree, not bound
 * to objects, so every problem names the file, the line and the field path; all problems are reported at once.
 */
public final class ScenarioFileReader {
    static final List<String> TOP = List.of("run", "fleets", "timeline");
    static final List<String> RUN = List.of("name", "description", "start", "days", "seed", "speed", "batch-interval");
    static final List<String> FLEET = List.of("name", "count", "id-pattern", "pets", "firmware", "hub-model", "zones",
            "device");
    private static final String NAME = "[A-Za-z0-9_-]+";

    private final Clock clock;

    /** {@code clock} gives the default start of a run that names none: its days end at the current hour. */
    public ScenarioFileReader(Clock clock) {
        this.clock = clock;
    }

    public ScenarioFileReader() {
        this(Clock.systemUTC());
    }

    public ScenarioFile read(Path path) {
        return read(path.getFileName().toString(), TextFile.read(path));
    }

    public ScenarioFile read(String file, String text) {
        Field root = new Field(file, "", compose(file, text));
        Problems problems = new Problems();
        Values values = new Values(problems);
        Mapping top = new Mapping(root, problems, TOP, "a scenario: a mapping");
        Optional<ScenarioFile.Run> run = top.required("run").flatMap(f -> run(f, values, file));
        int batchMinutes = run.map(ScenarioFile.Run::batchMinutes).orElse(60);
        Map<String, ScenarioFile.Fleet> fleets = new LinkedHashMap<>();
        top.required("fleets").ifPresent(f -> fleets(f, values, batchMinutes, fleets));
        List<ScenarioFile.Event> timeline = top.get("timeline")
                .map(f -> new TimelineReader(values, run, fleets).read(f)).orElse(List.of());
        problems.throwIfAny();
        return new ScenarioFile(file, run.orElseThrow(), List.copyOf(fleets.values()), timeline);
    }

    private static Node compose(String file, String text) {
        try {
            return new Compose(LoadSettings.builder().setLabel(file).build()).composeString(text)
                    .orElseThrow(() -> new InputException(file + ": the file is empty; it needs run and fleets"));
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(1);
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            throw new InputException(file + " line " + line + ": not valid YAML: " + e.getProblem() + context);
        } catch (YamlEngineException e) {
            throw new InputException(file + ": not valid YAML: " + e.getMessage());
        }
    }

    private Optional<ScenarioFile.Run> run(Field at, Values v, String file) {
        int before = v.problems().count();
        Mapping m = new Mapping(at, v.problems(), RUN, "the run's settings: a mapping");
        String name = m.get("name").flatMap(v::text).orElse(file.replaceFirst("\\.ya?ml$", ""));
        String description = m.get("description").flatMap(v::text).orElse("");
        Optional<Integer> days = m.required("days").flatMap(f -> v.integer(f, 1, 366));
        Optional<Instant> start = m.get("start").flatMap(v::instant);
        long seed = m.get("seed").flatMap(f -> v.whole(f, Long.MIN_VALUE, Long.MAX_VALUE)).orElse(42L);
        Speed speed = m.get("speed").flatMap(f -> speed(f, v)).orElse(Speed.MAX);
        Optional<Duration> interval = m.get("batch-interval").flatMap(v::duration);
        interval.filter(d -> d.toMinutes() < 1 || d.toMinutes() > 1440 || d.toSeconds() % 60 != 0)
                .ifPresent(d -> v.problems().add(m.get("batch-interval").orElseThrow(),
                        "must be whole minutes from 1m to 24h, was " + m.get("batch-interval").orElseThrow().shown()));
        if (v.problems().count() > before || days.isEmpty()) {
            return Optional.empty();
        }
        Instant from = start.orElseGet(() -> clock.instant().truncatedTo(ChronoUnit.HOURS)
                .minus(Duration.ofDays(days.get())));
        return Optional.of(new ScenarioFile.Run(name, description, from, days.get(), seed, speed,
                interval.map(d -> (int) d.toMinutes()).orElse(60)));
    }

    private static Optional<Speed> speed(Field at, Values v) {
        if (at.isScalar() && at.text().equals("max")) {
            return Optional.of(Speed.MAX);
        }
        Optional<Double> factor = Values.parseNumber(at.text()).filter(d -> d > 0 && d <= 1_000_000);
        if (!at.isScalar() || factor.isEmpty()) {
            v.problems().add(at, "must be 'max' or a factor above 0 (60 plays an hour of simulated time a minute,"
                    + " 1 is real time), was " + at.shown());
        }
        return factor.map(Speed::new);
    }

    private void fleets(Field at, Values v, int batchMinutes, Map<String, ScenarioFile.Fleet> fleets) {
        if (!at.isList() || at.elements().isEmpty()) {
            v.problems().add(at, "must be a list of fleets (name, count, ...), was " + at.shown());
            return;
        }
        Map<String, String> owners = new HashMap<>();
        for (Field f : at.elements()) {
            fleet(f, v, batchMinutes).ifPresent(fleet -> {
                if (fleets.containsKey(fleet.name())) {
                    v.problems().add(f, "a fleet named '" + fleet.name() + "' comes earlier; fleet names are unique");
                    return;
                }
                for (String id : fleet.collarIds()) {
                    String owner = owners.putIfAbsent(id, fleet.name());
                    if (owner != null) {
                        v.problems().add(f, "collar '" + id + "' is also in fleet '" + owner
                                + "': give the fleets id-patterns that differ");
                        return;
                    }
                }
                fleets.put(fleet.name(), fleet);
            });
        }
    }

    private Optional<ScenarioFile.Fleet> fleet(Field at, Values v, int batchMinutes) {
        int before = v.problems().count();
        Mapping m = new Mapping(at, v.problems(), FLEET, "a fleet: a mapping");
        Optional<String> name = m.required("name").flatMap(v::text);
        name.filter(n -> !n.matches(NAME)).ifPresent(n -> v.problems().add(m.get("name").orElseThrow(),
                "may hold letters, digits, '-' and '_' only, was '" + n + "'"));
        Optional<Integer> count = m.required("count").flatMap(f -> v.integer(f, 1, 100_000));
        Optional<IdPattern> ids = m.get("id-pattern").map(f -> IdPattern.read(f, v))
                .orElseGet(() -> name.map(n -> new IdPattern(n + "-", 3, "")));
        Mix<PetProfile> pets = m.get("pets").flatMap(f -> Mix.read(f, v, p -> pet(p, v)))
                .orElse(new Mix<>(PetProfile.ALL, List.of()));
        Optional<ScenarioFile.Device> device = new DeviceReader(v).read(m.get("device"), batchMinutes);
        String defaultFirmware = device.map(d -> d.wearSensing() ? CollarScript.FIRMWARE
                : CollarScript.FIRMWARE_WITHOUT_WEAR_SENSING).orElse(CollarScript.FIRMWARE);
        Mix<String> firmware = m.get("firmware").flatMap(f -> Mix.read(f, v, v::text)).orElse(Mix.of(defaultFirmware));
        Mix<String> hubs = m.get("hub-model").flatMap(f -> Mix.read(f, v, v::text)).orElse(Mix.of(CollarScript.HUB_MODEL));
        Mix<ZoneId> zones = m.get("zones").flatMap(f -> Mix.read(f, v, v::zone)).orElse(Mix.of(ZoneId.of("UTC")));
        if (v.problems().count() > before || name.isEmpty() || count.isEmpty() || ids.isEmpty() || device.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ScenarioFile.Fleet(name.get(), count.get(), ids.get(), pets, firmware, hubs, zones,
                device.get()));
    }

    private static Optional<PetProfile> pet(Field at, Values v) {
        List<String> known = new ArrayList<>(PetProfile.SUITE.stream().map(PetProfile::name).toList());
        Optional<PetProfile> pet = PetProfile.SUITE.stream().filter(p -> p.name().equalsIgnoreCase(at.text()))
                .findFirst();
        if (pet.isEmpty() || !at.isScalar()) {
            v.problems().add(at, "unknown pet profile " + at.shown() + Closest.suggestion(at.text(), known)
                    + " (profiles: " + String.join(", ", known) + ")");
            return Optional.empty();
        }
        return pet;
    }
}
