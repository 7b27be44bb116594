package io.petwatch.sim.scenariofile;

import io.petwatch.sim.suite.Battery;
import io.petwatch.sim.suite.DeviceProfile;
import java.util.List;
import java.util.Optional;

/** A fleet's {@code device}: what differs from the standard device, field by field. */
final class DeviceReader {
    static final List<String> FIELDS = List.of("batch-minutes", "qos", "rest-floor", "max-count", "wear-sensing",
            "drift-seconds-per-day", "battery", "dropouts-per-day", "duplicate-share");
    static final List<String> BATTERY = List.of("start", "drain-per-day", "dies-at");

    private final Values v;

    DeviceReader(Values values) {
        this.v = values;
    }

    Optional<ScenarioFile.Device> read(Optional<Field> field, int batchMinutes) {
        DeviceProfile standard = DeviceProfile.standard().withBatchMinutes(batchMinutes);
        if (field.isEmpty()) {
            return Optional.of(new ScenarioFile.Device(standard, true, Optional.empty()));
        }
        int before = v.problems().count();
        Mapping m = new Mapping(field.get(), v.problems(), FIELDS, "the device's settings: a mapping");
        int batch = m.get("batch-minutes").flatMap(f -> v.integer(f, 1, 1440)).orElse(batchMinutes);
        int qos = m.get("qos").flatMap(f -> v.integer(f, 0, 2)).orElse(1);
        int floor = m.get("rest-floor").flatMap(f -> v.integer(f, 0, 255)).orElse(0);
        int max = m.get("max-count").flatMap(f -> v.integer(f, 0, 65_535)).orElse(0);
        boolean wear = m.get("wear-sensing").flatMap(v::bool).orElse(true);
        double drift = m.get("drift-seconds-per-day").flatMap(f -> v.number(f, -3600, 3600)).orElse(0.0);
        double dropouts = m.get("dropouts-per-day").flatMap(f -> v.number(f, 0, 96)).orElse(0.0);
        double duplicates = m.get("duplicate-share").flatMap(f -> v.number(f, 0, 1)).orElse(0.0);
        if (max > 0 && floor > max) {
            v.problems().add(m.get("rest-floor").orElseThrow(), "must not be above max-count (" + max + "), was "
                    + floor);
        }
        Battery battery = Battery.STEADY;
        Optional<When> diesAt = Optional.empty();
        if (m.has("battery")) {
            Mapping b = new Mapping(m.get("battery").orElseThrow(), v.problems(), BATTERY,
                    "the battery: a mapping");
            double start = b.get("start").flatMap(f -> v.number(f, 1, 100)).orElse(Battery.STEADY.startPct());
            double drain = b.get("drain-per-day").flatMap(f -> v.number(f, 0, 100)).orElse(0.0);
            battery = new Battery(start, drain);
            diesAt = b.get("dies-at").flatMap(f -> When.read(f, v));
            if (b.has("dies-at") && (b.has("start") || b.has("drain-per-day"))) {
                v.problems().add(b.get("dies-at").orElseThrow(), "a battery that dies at a set moment drains from"
                        + " full by then: give dies-at, or start and drain-per-day, not both");
            }
        }
        if (v.problems().count() > before) {
            return Optional.empty();
        }
        DeviceProfile profile = standard.withBatchMinutes(batch).withQos(qos).withRestFloor(floor).withMaxCount(max)
                .withDriftSecondsPerDay(drift).withDropoutsPerDay(dropouts).withDuplicateShare(duplicates)
                .withBattery(battery);
        return Optional.of(new ScenarioFile.Device(profile, wear, diesAt));
    }
}
