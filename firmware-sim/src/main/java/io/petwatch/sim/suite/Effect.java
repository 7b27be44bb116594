package io.petwatch.sim.suite;

import java.time.Instant;

/** Something that happens to a collar or its pet during a scripted run. */
public sealed interface Effect {
    /** The pet's activity times {@code factor} in local hours [fromHour, toHour) between two instants. */
    record ActivityChange(Instant start, Instant end, double factor, int fromHour, int toHour) implements Effect {
        public boolean covers(Instant t, int localHour) {
            return !t.isBefore(start) && t.isBefore(end) && localHour >= fromHour && localHour < toHour;
        }
    }

    /** Activity declining linearly to {@code floor} over {@code rampDays}, then staying there until {@code end}. */
    record Decline(Instant start, int rampDays, double floor, Instant end) implements Effect {
        public double factorAt(Instant t) {
            if (t.isBefore(start) || !t.isBefore(end)) {
                return 1.0;
            }
            double days = (t.toEpochMilli() - start.toEpochMilli()) / 86_400_000.0;
            return Math.max(floor, 1.0 - (1.0 - floor) * days / rampDays);
        }
    }

    /** The collar is off the pet (a drawer, the bath). */
    record OffBody(Instant start, Instant end) implements Effect {
    }

    /** The collar charges off the pet every day in local hours [fromHour, toHour). */
    record ChargingNightly(int fromHour, int toHour) implements Effect {
    }

    /** The battery runs down steadily and the collar dies at {@code at}; nothing is sent after. */
    record BatteryDies(Instant at) implements Effect {
    }

    /** The activity sensor repeats one value. */
    record Stuck(Instant start, Instant end, int value) implements Effect {
    }

    /** Transport: every batch is re-sent with this probability (same seq), as after lost acknowledgements. */
    record Resends(double share) implements Effect {
    }

    /** Transport: one day's batches arrive late, all at once, newest first, after the following day's. */
    record LateDay(Instant dayStart) implements Effect {
    }
}
