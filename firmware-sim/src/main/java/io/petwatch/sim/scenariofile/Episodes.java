package io.petwatch.sim.scenariofile;

import io.petwatch.sim.suite.Effect;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/** Timeline kinds that change the pet or its collar's body contact: what the detectors are there to tell apart. */
final class Episodes {
    private Episodes() {
    }

    /** Activity times a factor all day. */
    record Lethargy(Range factor) implements EventKind {
        @Override
        public void apply(Placement p, Parts out) {
            out.effect(new Effect.ActivityChange(p.start(), p.end(), factor.draw(p.random()), 0, 24));
            out.label("lethargy", p.start(), p.end());
        }
    }

    /** Activity falling linearly to {@code floor} over {@code rampDays}, then staying there. */
    record Decline(int rampDays, double floor) implements EventKind {
        @Override
        public void apply(Placement p, Parts out) {
            out.effect(new Effect.Decline(p.start(), rampDays, floor, p.end()));
            out.label("decline", p.start(), p.end());
        }
    }

    /**
     * Restless nights: on each night (days after {@code at}) activity times a factor for some hours, from an hour
     * into the pet's rest (its quietest eight hours) unless {@code at} gives a time. One night is labelled
     * restless_isolated, more restless; a label ends an hour after the last restless stretch.
     */
    record Restless(List<Integer> nights, int hours, Range factor) implements EventKind {
        @Override
        public void apply(Placement p, Parts out) {
            When at = p.event().at().orElseThrow();
            double f = factor.draw(p.random());
            int quiet = p.pet().quietestStart(8);
            Instant first = Instant.MAX;
            Instant last = Instant.MIN;
            for (int night : nights) {
                Instant from = at.timed() ? at.plusDays(night).resolve(p.run().start(), p.zone())
                        : When.localTime(p.run().start(), p.zone(), at.day() + night, LocalTime.of(quiet, 0))
                                .plus(Duration.ofHours(1));
                out.effect(new Effect.ActivityChange(from, from.plus(Duration.ofHours(hours)), f, 0, 24));
                first = from.isBefore(first) ? from : first;
                Instant end = from.plus(Duration.ofHours(hours + 1L));
                last = end.isAfter(last) ? end : last;
            }
            out.label(nights.size() == 1 ? "restless_isolated" : "restless", first, last);
        }
    }

    /** A change of routine: activity times a factor in some local hours (a holiday, long walks). */
    record Activity(Range factor, HourRange hours) implements EventKind {
        @Override
        public void apply(Placement p, Parts out) {
            double f = factor.draw(p.random());
            int from = hours.firstHour(p.pet());
            int to = from + hours.hours(p.pet());
            out.effect(new Effect.ActivityChange(p.start(), p.end(), f, from, Math.min(24, to)));
            if (to > 24) {
                out.effect(new Effect.ActivityChange(p.start(), p.end(), f, 0, to - 24));
            }
            out.label("activity", p.start(), p.end(), Map.of("factor", f));
        }
    }

    /** The collar off the pet: a drawer, the bath. */
    record CollarOff() implements EventKind {
        @Override
        public void apply(Placement p, Parts out) {
            out.effect(new Effect.OffBody(p.start(), p.end()));
            out.label("collar_off", p.start(), p.end());
        }
    }

    /** Charging off the pet every day in some local hours. */
    record Charging(HourRange hours) implements EventKind {
        @Override
        public void apply(Placement p, Parts out) {
            int from = hours.firstHour(p.pet());
            int to = from + hours.hours(p.pet());
            if (p.wholeRun() && to <= 24) {
                out.effect(new Effect.ChargingNightly(from, to));
            } else {
                out.effect(new Effect.ChargingNightly(from, Math.min(24, to), p.start(), p.end()));
                if (to > 24) {
                    out.effect(new Effect.ChargingNightly(0, to - 24, p.start(), p.end()));
                }
            }
            out.label("charging", p.start(), p.end());
        }
    }

    /** The battery dies at {@code at}: nothing is sent after. */
    record BatteryDies() implements EventKind {
        @Override
        public void apply(Placement p, Parts out) {
            out.effect(new Effect.BatteryDies(p.start()));
            out.label("battery_dead", p.start(), p.run().end());
        }
    }

    /** The activity sensor repeats one value. */
    record StuckSensor(int value) implements EventKind {
        @Override
        public void apply(Placement p, Parts out) {
            out.effect(new Effect.Stuck(p.start(), p.end(), value));
            out.label("stuck", p.start(), p.end());
        }
    }
}
