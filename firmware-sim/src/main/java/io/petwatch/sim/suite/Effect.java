package io.petwatch.sim.suite;

import java.time.Duration;
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

    /** The collar charges off the pet every day in local hours [fromHour, toHour), between two instants. */
    record ChargingNightly(int fromHour, int toHour, Instant start, Instant end) implements Effect {
        /** Every day of the run. */
        public ChargingNightly(int fromHour, int toHour) {
            this(fromHour, toHour, Instant.MIN, Instant.MAX);
        }

        public boolean covers(Instant t, int localHour) {
            return !t.isBefore(start) && t.isBefore(end) && localHour >= fromHour && localHour < toHour;
        }
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

    /** Transport: batches sent in [start, end) are re-sent (same seq) with this probability. */
    record Duplicates(Instant start, Instant end, double share) implements Effect {
    }

    /** Transport: a batch sent in [start, end) is, with this probability, held back and sent after the next one. */
    record OutOfOrder(Instant start, Instant end, double share) implements Effect {
    }

    /** Firmware: after each batch sent in [start, end), with this probability, bytes that are not a valid batch. */
    record Malformed(Instant start, Instant end, double rate) implements Effect {
    }

    /**
     * Firmware: a new version is installed at {@code at}; batches begun from then carry it. A version that breaks
     * wear sensing reports WEAR_UNKNOWN from then on (a later version that does not break it restores it).
     */
    record FirmwareUpdate(Instant at, String version, boolean breaksWearSensing) implements Effect {
    }

    /**
     * Connection: the collar loses its connection at {@code start} (the broker publishes its will when {@code will})
     * and is back at {@code end}; batches made meanwhile are kept and uploaded, in order, when it is back.
     */
    record Offline(Instant start, Instant end, boolean will) implements Effect {
    }

    /**
     * The collar restarts at {@code at} and is down for {@code down}: its connection drops (the will is published),
     * the minutes while down are not recorded, the batch in progress is kept and sent when it is back, and seq starts
     * again at 1 (the counter is not kept across a restart).
     */
    record Reboot(Instant at, Duration down) implements Effect {
    }
}
