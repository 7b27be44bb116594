package io.petwatch.sim.scenariofile;

import io.petwatch.sim.model.PetProfile;
import io.petwatch.sim.suite.Effect;
import io.petwatch.sim.suite.Label;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/** One kind of timeline event: the effects and labels it puts on each collar it targets. */
interface EventKind {
    void apply(Placement p, Parts out);

    /**
     * Where one event falls for one collar.
     *
     * @param start  {@code at} in the collar's zone, plus its draw from {@code within}; the run's start without {@code at}
     * @param end    {@code start + for}; the run's end without {@code for}
     * @param random the collar's own stream: draws are made per collar in timeline order
     */
    record Placement(ScenarioFile.Event event, ScenarioFile.Run run, String collarId, PetProfile pet, ZoneId zone,
                     Instant start, Instant end, SplittableRandom random) {
        /** Whether the event names its moment or length, rather than lasting the whole run. */
        boolean wholeRun() {
            return event.at().isEmpty() && event.length().isEmpty();
        }

        Duration lengthOr(Duration otherwise) {
            return event.length().orElse(otherwise);
        }
    }

    /** What a collar's events add up to, in timeline order; labels only for events that keep them. */
    final class Parts {
        private final String collarId;
        private final List<Effect> effects = new ArrayList<>();
        private final List<Label> labels = new ArrayList<>();
        private boolean labelled = true;

        Parts(String collarId) {
            this.collarId = collarId;
        }

        void labelled(boolean on) {
            labelled = on;
        }

        void effect(Effect e) {
            effects.add(e);
        }

        void label(String kind, Instant start, Instant end) {
            label(kind, start, end, Map.of());
        }

        void label(String kind, Instant start, Instant end, Map<String, Object> details) {
            if (labelled) {
                labels.add(new Label(collarId, kind, start, end, details));
            }
        }

        List<Effect> effects() {
            return List.copyOf(effects);
        }

        List<Label> labels() {
            return List.copyOf(labels);
        }

        Optional<Instant> firstLabelStart(String kind) {
            return labels.stream().filter(l -> l.kind().equals(kind)).map(Label::start).findFirst();
        }
    }
}
