package io.petwatch.sim.scenariofile;

import io.petwatch.sim.model.PetProfile;
import io.petwatch.sim.play.Speed;
import io.petwatch.sim.suite.DeviceProfile;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** A scenario file as read: the run, its fleets and its timeline of episodes and faults. */
public record ScenarioFile(String file, Run run, List<Fleet> fleets, List<Event> timeline) {
    public ScenarioFile {
        fleets = List.copyOf(fleets);
        timeline = List.copyOf(timeline);
    }

    /** The same file with another seed: the same scenario, other pets' days and other draws. */
    public ScenarioFile withSeed(long seed) {
        return new ScenarioFile(file, new Run(run.name(), run.description(), run.start(), run.days(), seed, run.speed(),
                run.batchMinutes()), fleets, timeline);
    }

    /**
     * The run as a whole.
     *
     * @param start        simulated time of the first minute
     * @param seed         everything random derives from it: same file and seed, same data
     * @param speed        how fast the publisher plays simulated time
     * @param batchMinutes the fleets' batch interval unless their device says otherwise
     */
    public record Run(String name, String description, Instant start, int days, long seed, Speed speed,
                      int batchMinutes) {
        public Instant end() {
            return start.plus(Duration.ofDays(days));
        }
    }

    /** Collars alike but for what their mixes hand out. */
    record Fleet(String name, int count, IdPattern ids, Mix<PetProfile> pets, Mix<String> firmware,
                 Mix<String> hubModels, Mix<ZoneId> zones, Device device) {
        List<String> collarIds() {
            return java.util.stream.IntStream.rangeClosed(1, count).mapToObj(ids::id).toList();
        }
    }

    /** A fleet's hardware and firmware; {@code diesAt} a battery that dies at a set moment. */
    record Device(DeviceProfile profile, boolean wearSensing, Optional<When> diesAt) {
    }

    /**
     * One timeline entry.
     *
     * @param where  its file and line, for messages
     * @param at     when it starts, if given (the run's start otherwise)
     * @param within a spread: each collar starts at a moment drawn in [at, at + within)
     * @param length how long it lasts, if given (to the run's end otherwise)
     * @param label  whether it is written to the ground truth
     */
    record Event(String where, String kind, Target target, Optional<When> at, Optional<Duration> within,
                 Optional<Duration> length, boolean label, EventKind what) {
    }
}
