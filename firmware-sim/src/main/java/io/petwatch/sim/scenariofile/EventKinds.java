package io.petwatch.sim.scenariofile;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.IntStream;

/** The timeline's kinds: their own fields, whether they take {@code at}, {@code for} and {@code within}, and readers. */
final class EventKinds {
    enum Length { NONE, OPTIONAL, REQUIRED }

    interface Reader {
        Optional<EventKind> read(Mapping m, Values v);
    }

    /**
     * @param needsAt whether {@code at} must be given (otherwise the event starts with the run)
     * @param spread  whether {@code within} may spread the start over collars
     */
    record Spec(String name, List<String> fields, boolean needsAt, Length length, boolean spread, Reader reader) {
    }

    static final Map<String, Spec> ALL = new LinkedHashMap<>();

    static {
        add(new Spec("lethargy", List.of("factor"), true, Length.OPTIONAL, true, (m, v) ->
                field(m, "factor", f -> Range.read(f, v, 0, 10), new Range(0.3, 0.3)).map(Episodes.Lethargy::new)));
        add(new Spec("decline", List.of("ramp-days", "floor"), true, Length.OPTIONAL, true, (m, v) -> {
            Optional<Integer> ramp = field(m, "ramp-days", f -> v.integer(f, 1, 366), 7);
            Optional<Double> floor = field(m, "floor", f -> v.number(f, 0, 1), 0.3);
            return both(ramp, floor).map(x -> new Episodes.Decline(ramp.get(), floor.get()));
        }));
        add(new Spec("restless", List.of("nights", "hours", "factor"), true, Length.NONE, false, (m, v) -> {
            Optional<List<Integer>> nights = field(m, "nights", f -> nights(f, v), List.of(0, 1, 2));
            Optional<Integer> hours = field(m, "hours", f -> v.integer(f, 1, 12), 6);
            Optional<Range> factor = field(m, "factor", f -> Range.read(f, v, 1, 100), new Range(6, 6));
            return both(nights, both(hours, factor)).map(x -> new Episodes.Restless(nights.get(), hours.get(),
                    factor.get()));
        }));
        add(new Spec("activity", List.of("factor", "hours"), true, Length.OPTIONAL, true, (m, v) -> {
            Optional<Range> factor = m.required("factor").flatMap(f -> Range.read(f, v, 0, 100));
            Optional<HourRange> hours = field(m, "hours", f -> HourRange.read(f, v), new HourRange(false, 0, false, 24));
            return both(factor, hours).map(x -> new Episodes.Activity(factor.get(), hours.get()));
        }));
        add(new Spec("collar-off", List.of(), true, Length.OPTIONAL, true, (m, v) ->
                Optional.of(new Episodes.CollarOff())));
        add(new Spec("charging", List.of("hours"), false, Length.OPTIONAL, false, (m, v) ->
                m.required("hours").flatMap(f -> HourRange.read(f, v)).map(Episodes.Charging::new)));
        add(new Spec("battery-dies", List.of(), true, Length.NONE, true, (m, v) ->
                Optional.of(new Episodes.BatteryDies())));
        add(new Spec("stuck-sensor", List.of("value"), true, Length.OPTIONAL, true, (m, v) ->
                m.required("value").flatMap(f -> v.integer(f, 0, 65_535)).map(Episodes.StuckSensor::new)));
        add(new Spec("firmware-rollout", List.of("version", "breaks"), true, Length.NONE, true, (m, v) -> {
            Optional<String> version = m.required("version").flatMap(v::text);
            Optional<Boolean> breaks = field(m, "breaks", f -> breaks(f, v), false);
            return both(version, breaks).map(x -> new Faults.FirmwareRollout(version.get(), breaks.get()));
        }));
        add(new Spec("offline", List.of("will"), true, Length.REQUIRED, true, (m, v) ->
                field(m, "will", v::bool, true).map(Faults.Offline::new)));
        add(new Spec("reboot", List.of(), true, Length.OPTIONAL, true, (m, v) -> Optional.of(new Faults.Reboot())));
        add(new Spec("duplicates", List.of("rate"), false, Length.OPTIONAL, false, (m, v) ->
                m.required("rate").flatMap(f -> v.number(f, 0, 1)).map(Faults.Duplicates::new)));
        add(new Spec("out-of-order", List.of("rate", "late-day"), false, Length.OPTIONAL, false, EventKinds::outOfOrder));
        add(new Spec("malformed", List.of("rate"), false, Length.OPTIONAL, false, (m, v) ->
                m.required("rate").flatMap(f -> v.number(f, 0, 1)).map(Faults.Malformed::new)));
        add(new Spec("broker-restart", List.of("jitter", "will"), true, Length.OPTIONAL, false, (m, v) ->
                storm("broker_restart", m, v, false)));
        add(new Spec("reconnect-storm", List.of("jitter", "will"), true, Length.OPTIONAL, false, (m, v) ->
                storm("reconnect_storm", m, v, true)));
    }

    private EventKinds() {
    }

    private static void add(Spec spec) {
        ALL.put(spec.name(), spec);
    }

    static Optional<Spec> get(String kind) {
        return Optional.ofNullable(ALL.get(kind));
    }

    private static <T> Optional<T> field(Mapping m, String name, Function<Field, Optional<T>> parse, T otherwise) {
        return m.get(name).map(parse).orElse(Optional.of(otherwise));
    }

    private static Optional<Boolean> both(Optional<?> a, Optional<?> b) {
        return a.isPresent() && b.isPresent() ? Optional.of(true) : Optional.empty();
    }

    /** A number of nights in a row, or the nights (days after {@code at}) as a list: [0, 2]. */
    private static Optional<List<Integer>> nights(Field f, Values v) {
        if (!f.isList()) {
            return v.integer(f, 1, 60).map(n -> IntStream.range(0, n).boxed().toList());
        }
        TreeSet<Integer> nights = new TreeSet<>();
        boolean ok = !f.elements().isEmpty();
        for (Field night : f.elements()) {
            Optional<Integer> n = v.integer(night, 0, 366);
            n.ifPresent(nights::add);
            ok &= n.isPresent();
        }
        if (f.elements().isEmpty()) {
            v.problems().add(f, "must list at least one night (days after 'at', from 0)");
        }
        return ok ? Optional.of(List.copyOf(nights)) : Optional.empty();
    }

    private static Optional<Boolean> breaks(Field f, Values v) {
        if (f.isScalar() && f.text().equals("wear-sensing")) {
            return Optional.of(true);
        }
        v.problems().add(f, "the only thing a rollout can break is 'wear-sensing', was " + f.shown());
        return Optional.empty();
    }

    private static Optional<EventKind> outOfOrder(Mapping m, Values v) {
        if (m.has("rate") == m.has("late-day")) {
            v.problems().add(m.at(), "out-of-order takes either 'rate' (share of batches sent after the next) or"
                    + " 'late-day: true' (the day from 'at' delivered late, newest first)");
            return Optional.empty();
        }
        if (m.has("late-day")) {
            Optional<Boolean> late = m.get("late-day").flatMap(v::bool);
            if (late.isPresent() && (!late.get() || !m.has("at"))) {
                v.problems().add(m.get("late-day").orElseThrow(), "late-day must be true, with 'at' giving the day");
                return Optional.empty();
            }
            return late.map(x -> new Faults.OutOfOrder(0, true));
        }
        return m.get("rate").flatMap(f -> v.number(f, 0, 1)).map(r -> new Faults.OutOfOrder(r, false));
    }

    private static Optional<EventKind> storm(String label, Mapping m, Values v, boolean will) {
        Optional<Duration> jitter = field(m, "jitter", v::duration, Duration.ofSeconds(30));
        Optional<Boolean> wills = field(m, "will", v::bool, will);
        return both(jitter, wills).map(x -> new Faults.Storm(label, jitter.get(), wills.get()));
    }
}
