package io.petwatch.sim.scenariofile;

import io.petwatch.sim.suite.Effect;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Timeline kinds that break the firmware, the transport or the connection rather than change the pet. */
final class Faults {
    static final Duration REBOOT_DOWN = Duration.ofMinutes(2);

    private Faults() {
    }

    /** A new firmware version; one that breaks wear sensing reports WEAR_UNKNOWN from then on. */
    record FirmwareRollout(String version, boolean breaksWearSensing) implements EventKind {
        @Override
        public void apply(Placement p, Parts out) {
            out.effect(new Effect.FirmwareUpdate(p.start(), version, breaksWearSensing));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("firmware", version);
            if (breaksWearSensing) {
                details.put("breaks", "wear-sensing");
            }
            out.label("firmware_rollout", p.start(), p.run().end(), details);
        }
    }

    /** The connection lost; batches made meanwhile are uploaded as a backlog when it is back. */
    record Offline(boolean will) implements EventKind {
        @Override
        public void apply(Placement p, Parts out) {
            out.effect(new Effect.Offline(p.start(), p.end(), will));
            out.label("offline", p.start(), p.end(), Map.of("will", will));
        }
    }

    /** A restart: down for {@code for} (2 minutes unless given), then seq starts again at 1. */
    record Reboot() implements EventKind {
        @Override
        public void apply(Placement p, Parts out) {
            Duration down = p.lengthOr(REBOOT_DOWN);
            out.effect(new Effect.Reboot(p.start(), down));
            out.label("reboot", p.start(), p.start().plus(down));
        }
    }

    /** Batches re-sent (same seq) at a rate. */
    record Duplicates(double rate) implements EventKind {
        @Override
        public void apply(Placement p, Parts out) {
            out.effect(p.wholeRun() ? new Effect.Resends(rate) : new Effect.Duplicates(p.start(), p.end(), rate));
            out.label("duplicates", p.start(), p.end(), Map.of("rate", rate));
        }
    }

    /** Batches swapped with the next at a rate, or one day's delivered late, newest first. */
    record OutOfOrder(double rate, boolean lateDay) implements EventKind {
        @Override
        public void apply(Placement p, Parts out) {
            if (lateDay) {
                out.effect(new Effect.LateDay(p.start()));
                out.label("late_day", p.start(), p.start().plus(Duration.ofDays(1)));
            } else {
                out.effect(new Effect.OutOfOrder(p.start(), p.end(), rate));
                out.label("out_of_order", p.start(), p.end(), Map.of("rate", rate));
            }
        }
    }

    /** Malformed payloads (garbage, or a batch cut short) after batches, at a rate, besides the real batches. */
    record Malformed(double rate) implements EventKind {
        @Override
        public void apply(Placement p, Parts out) {
            out.effect(new Effect.Malformed(p.start(), p.end(), rate));
            out.label("malformed", p.start(), p.end(), Map.of("rate", rate));
        }
    }

    /**
     * Every targeted collar loses its connection at the same moment and is back after {@code for} plus its own
     * draw from {@code jitter}: a broker restart (no wills: the broker itself went) or a reconnect storm.
     */
    record Storm(String label, Duration jitter, boolean will) implements EventKind {
        @Override
        public void apply(Placement p, Parts out) {
            long spread = jitter.toMillis() > 0 ? p.random().nextLong(jitter.toMillis()) : 0;
            Instant back = p.start().plus(p.lengthOr(Duration.ZERO)).plusMillis(spread);
            back = back.isAfter(p.start()) ? back : p.start().plusSeconds(1); // a drop is never instant
            out.effect(new Effect.Offline(p.start(), back, will));
            out.label(label, p.start(), back, Map.of("will", will));
        }
    }
}
