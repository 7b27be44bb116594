package io.petwatch.sim.suite;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A collar's battery: its level at the start of the run and a steady drain. A collar whose battery runs flat stops
 * sending. A battery that dies at a set moment ({@link Effect.BatteryDies}) drains from full instead.
 *
 * @param startPct    level at the start of the run, 1..100
 * @param drainPerDay percentage points lost per day; 0 keeps the level where it starts
 */
public record Battery(double startPct, double drainPerDay) {
    /** What collars have always reported: 80%, never draining. */
    public static final Battery STEADY = new Battery(80, 0);
    private static final double MS_PER_DAY = 86_400_000.0;

    public Battery {
        if (!(startPct > 0 && startPct <= 100) || !(drainPerDay >= 0 && drainPerDay <= 100)) {
            throw new IllegalArgumentException("battery out of range: start " + startPct + "%, drain " + drainPerDay
                    + "% a day");
        }
    }

    /** The moment the level reaches zero, if it drains. */
    public Optional<Instant> flatAt(Instant runStart) {
        if (drainPerDay == 0) {
            return Optional.empty();
        }
        return Optional.of(runStart.plus(Duration.ofMillis(Math.round(startPct / drainPerDay * MS_PER_DAY))));
    }

    /** The level reported at {@code t}: at least 1 while the collar still sends. */
    public int pctAt(Instant runStart, Instant t) {
        double days = (t.toEpochMilli() - runStart.toEpochMilli()) / MS_PER_DAY;
        return (int) Math.max(1, Math.round(startPct - drainPerDay * days));
    }
}
