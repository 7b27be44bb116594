package io.petwatch.sim.scenariofile;

import io.petwatch.sim.input.Closest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/** Reads the timeline: each event's kind, target, timing and the fields of its kind. */
final class TimelineReader {
    static final List<String> COMMON = List.of("kind", "fleet", "collars", "count", "share", "at", "within", "for",
            "label");

    private final Values values;
    private final Problems problems;
    private final Optional<ScenarioFile.Run> run;
    private final Map<String, ScenarioFile.Fleet> fleets;

    TimelineReader(Values values, Optional<ScenarioFile.Run> run, Map<String, ScenarioFile.Fleet> fleets) {
        this.values = values;
        this.problems = values.problems();
        this.run = run;
        this.fleets = fleets;
    }

    List<ScenarioFile.Event> read(Field timeline) {
        List<ScenarioFile.Event> events = new ArrayList<>();
        if (!timeline.isList()) {
            problems.add(timeline, "must be a list of events (each with a kind), was " + timeline.shown());
            return events;
        }
        timeline.elements().forEach(e -> event(e).ifPresent(events::add));
        return events;
    }

    private Optional<ScenarioFile.Event> event(Field at) {
        Optional<Field> kindField = kindOf(at);
        if (kindField.isEmpty()) {
            problems.add(at, "an event must be a mapping with a 'kind' (one of " + String.join(", ",
                    EventKinds.ALL.keySet()) + ")");
            return Optional.empty();
        }
        String kind = kindField.get().text();
        Optional<EventKinds.Spec> spec = EventKinds.get(kind);
        if (spec.isEmpty()) {
            problems.add(kindField.get(), "unknown kind '" + kind + "'" + Closest.suggestion(kind,
                    EventKinds.ALL.keySet()) + " (kinds: " + String.join(", ", EventKinds.ALL.keySet()) + ")");
            return Optional.empty();
        }
        EventKinds.Spec s = spec.get();
        int before = problems.count();
        Mapping m = new Mapping(at, problems, Stream.concat(COMMON.stream(), s.fields().stream()).toList(), "an event");
        Optional<Target> target = target(m);
        Optional<When> when = s.needsAt() ? m.required("at").flatMap(f -> When.read(f, values))
                : m.get("at").flatMap(f -> When.read(f, values));
        when.ifPresent(w -> inRun(m.get("at").orElseThrow(), w));
        Optional<Duration> within = m.get("within").flatMap(f -> positive(f, Duration.ofMinutes(1), s.spread() ? ""
                : kind + " takes no 'within': its collars all start at 'at'"));
        Optional<Duration> length = s.length() == EventKinds.Length.REQUIRED
                ? m.required("for").flatMap(f -> positive(f, Duration.ofSeconds(1), ""))
                : m.get("for").flatMap(f -> positive(f, Duration.ofSeconds(1), s.length() == EventKinds.Length.NONE ? kind
                        + " takes no 'for'" + (kind.equals("restless") ? ": 'nights' and 'hours' say how long" : "")
                        : ""));
        boolean label = m.get("label").flatMap(values::bool).orElse(true);
        Optional<EventKind> what = s.reader().read(m, values);
        if (problems.count() > before || target.isEmpty() || what.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ScenarioFile.Event(at.where(), kind, target.get(), when, within, length, label,
                what.get()));
    }

    private static Optional<Field> kindOf(Field at) {
        if (at.node() instanceof MappingNode mapping) {
            for (NodeTuple t : mapping.getValue()) {
                Field key = new Field(at.file(), at.path(), t.getKeyNode());
                if (key.text().equals("kind")) {
                    return Optional.of(at.child("kind", t.getValueNode()));
                }
            }
        }
        return Optional.empty();
    }

    /** A duration of at least {@code least}; {@code refusal} non-empty when the kind takes none. */
    private Optional<Duration> positive(Field f, Duration least, String refusal) {
        if (!refusal.isEmpty()) {
            problems.add(f, refusal);
            return Optional.empty();
        }
        Optional<Duration> d = values.duration(f);
        if (d.isPresent() && d.get().compareTo(least) < 0) {
            problems.add(f, "must be at least " + (least.toMinutes() > 0 ? "a minute" : "a second") + ", was "
                    + f.shown());
            return Optional.empty();
        }
        return d;
    }

    private void inRun(Field at, When when) {
        run.ifPresent(r -> {
            if (when.absolute().isEmpty() && when.day() >= r.days()) {
                problems.add(at, "day " + when.day() + " is after the run, which has days 0.." + (r.days() - 1));
            }
            Optional<Instant> t = when.absolute();
            if (t.isPresent() && (t.get().isBefore(r.start()) || !t.get().isBefore(r.end()))) {
                problems.add(at, "must fall within the run, " + r.start() + " to " + r.end() + ", was " + t.get());
            }
        });
    }

    private Optional<Target> target(Mapping m) {
        Optional<String> fleet = m.get("fleet").flatMap(values::text);
        Optional<Field> fleetField = m.get("fleet");
        if (fleet.isPresent() && !fleets.containsKey(fleet.get())) {
            problems.add(fleetField.orElseThrow(), "no fleet is named '" + fleet.get() + "'"
                    + Closest.suggestion(fleet.get(), fleets.keySet()));
            return Optional.empty();
        }
        if (fleetField.isPresent() && fleet.isEmpty()) {
            return Optional.empty();
        }
        List<String> ids = fleet.map(f -> fleets.get(f).collarIds())
                .orElseGet(() -> fleets.values().stream().flatMap(f -> f.collarIds().stream()).toList());
        long picks = Stream.of("collars", "count", "share").filter(m::has).count();
        if (picks > 1) {
            problems.add(m.at(), "give one of 'collars', 'count' and 'share', not " + picks);
            return Optional.empty();
        }
        Optional<Target.Pick> pick = Optional.of(new Target.All());
        if (m.has("collars")) {
            pick = named(m.get("collars").orElseThrow(), ids, fleet);
        } else if (m.has("count")) {
            pick = m.get("count").flatMap(f -> values.integer(f, 1, Math.max(1, ids.size()))).map(Target.Count::new);
        } else if (m.has("share")) {
            pick = m.get("share").flatMap(f -> values.number(f, 0.000_001, 1)).map(Target.Share::new);
        }
        return pick.map(p -> new Target(fleet, p));
    }

    private Optional<Target.Pick> named(Field at, List<String> ids, Optional<String> fleet) {
        if (!at.isList() || at.elements().isEmpty()) {
            problems.add(at, "must be a list of collar ids, was " + at.shown());
            return Optional.empty();
        }
        List<String> named = new ArrayList<>();
        for (Field f : at.elements()) {
            Optional<String> id = values.text(f);
            if (id.isPresent() && !ids.contains(id.get())) {
                problems.add(f, "no collar '" + id.get() + "' in " + fleet.map(n -> "fleet '" + n + "'")
                        .orElse("any fleet") + Closest.suggestion(id.get(), ids));
                return Optional.empty();
            }
            if (id.isEmpty()) {
                return Optional.empty();
            }
            named.add(id.get());
        }
        return Optional.of(new Target.Named(named));
    }
}
