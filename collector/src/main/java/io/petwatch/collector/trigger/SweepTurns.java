package io.petwatch.collector.trigger;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * Turns at a periodic sweep among the instances sharing the database: every instance's scheduler ticks, and the one
 * whose tick moves the sweep's {@code started_at} on runs it; the others skip, until nine tenths of the interval have
 * passed (ticks drift apart a little). Each take commits on its own, before the sweep runs.
 */
@ApplicationScoped
public class SweepTurns {
    private final Jdbi jdbi;

    public SweepTurns(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Whether this instance runs sweep {@code name} now; false when another one started it within the interval. */
    public boolean take(String name, Instant now, Duration interval) {
        Instant due = now.minus(interval.multipliedBy(9).dividedBy(10));
        return jdbi.withHandle(h -> h.execute("UPDATE sweep_turns SET started_at = ? WHERE name = ? AND started_at <= ?",
                Timestamp.from(now), name, Timestamp.from(due))) == 1;
    }
}
