package io.petwatch.evaluation;

import io.petwatch.gateway.detect.LowActivityParams;
import io.petwatch.sim.suite.CollarScript;
import io.petwatch.sim.suite.Effect;
import io.petwatch.sim.suite.Label;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * When the configured rule could first be satisfied for a labelled episode, judged on the noise-free signal (the
 * profile's mean rhythm times the scripted effects): the reference detection delay is measured from.
 */
final class Oracle {
    private static final long HOUR_MS = 3_600_000L;

    private Oracle() {
    }

    static Optional<Instant> satisfiable(CollarScript script, Label label, LowActivityParams lowActivity) {
        return switch (label.kind()) {
            case "lethargy", "decline" -> lowActivityFrom(script, label, lowActivity);
            case "restless" -> secondRestlessNightEnd(script);
            default -> Optional.empty();
        };
    }

    /** First hour boundary at which every day-long block of the window is at most the low ratio of normal. */
    private static Optional<Instant> lowActivityFrom(CollarScript script, Label label, LowActivityParams p) {
        long startHour = label.start().toEpochMilli() / HOUR_MS;
        long lastHour = label.end().toEpochMilli() / HOUR_MS + p.windowHours();
        for (long boundary = startHour + 1; boundary <= lastHour; boundary++) {
            boolean all = true;
            for (long from = boundary - p.windowHours(); from < boundary && all; from += p.blockHours()) {
                double expected = 0;
                double observed = 0;
                for (long h = from; h < from + p.blockHours(); h++) {
                    Instant t = Instant.ofEpochMilli(h * HOUR_MS);
                    ZonedDateTime local = t.atZone(script.zone());
                    boolean weekend = local.getDayOfWeek().getValue() >= 6;
                    double mean = script.profile().meanAt(local.getHour(), weekend);
                    expected += mean;
                    observed += mean * factor(script.effects(), t, local.getHour());
                }
                all = observed <= p.lowRatio() * expected;
            }
            if (all) {
                return Optional.of(Instant.ofEpochMilli(boundary * HOUR_MS));
            }
        }
        return Optional.empty();
    }

    private static double factor(List<Effect> effects, Instant t, int localHour) {
        double f = 1.0;
        for (Effect e : effects) {
            if (e instanceof Effect.ActivityChange c && c.covers(t, localHour)) {
                f *= c.factor();
            } else if (e instanceof Effect.Decline d) {
                f *= d.factorAt(t);
            }
        }
        return f;
    }

    /** 2 of 3 nights is the earliest rule: satisfiable when the second restless night's rest period ends. */
    private static Optional<Instant> secondRestlessNightEnd(CollarScript script) {
        List<Effect.ActivityChange> nights = script.effects().stream()
                .filter(e -> e instanceof Effect.ActivityChange).map(e -> (Effect.ActivityChange) e).toList();
        if (nights.size() < 2) {
            return Optional.empty();
        }
        // Scripted restless hours start one hour into an eight-hour rest period.
        return Optional.of(nights.get(1).start().plusSeconds(7 * 3600));
    }
}
