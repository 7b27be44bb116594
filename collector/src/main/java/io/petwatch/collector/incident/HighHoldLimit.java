package io.petwatch.collector.incident;

import io.petwatch.collector.casefile.CaseFile;
import io.petwatch.collector.config.PetwatchConfig;
import io.petwatch.collector.outreach.MessageRelay;
import io.petwatch.collector.outreach.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * A suspected fleet storm may hold an urgent (HIGH) alert's text only for {@code petwatch.storm.max-hold-high}:
 * past it, the owner is texted anyway and the case's trail says why, while the incident stays open for the rest.
 * Operators see held HIGH alerts at once ({@code heldHigh} in {@code /api/v1/incidents}, a WARN line when one is held)
 * and their monitoring can page on the gauge {@code petwatch_storm_held_high} (refreshed every 30 s) and the counter
 * {@code petwatch_storm_high_released_total}.
 */
@ApplicationScoped
public class HighHoldLimit {
    private static final Logger LOG = Logger.getLogger(HighHoldLimit.class);
    private static final int BATCH = 100;

    private final CaseFile cases;
    private final Outbox outbox;
    private final MessageRelay relay;
    private final Duration maxHold;
    private final Clock clock;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicLong heldHigh = new AtomicLong();
    private final Counter releasedTotal;

    public HighHoldLimit(CaseFile cases, Outbox outbox, MessageRelay relay, PetwatchConfig config, Clock clock,
                         MeterRegistry registry) {
        this.cases = cases;
        this.outbox = outbox;
        this.relay = relay;
        this.maxHold = config.storm().maxHoldHigh();
        this.clock = clock;
        Gauge.builder("petwatch.storm.held.high", heldHigh, AtomicLong::get)
                .description("HIGH alerts held from their owners by a suspected fleet storm now").register(registry);
        this.releasedTotal = Counter.builder("petwatch.storm.high.released")
                .description("HIGH alerts released to their owners after the storm hold limit").register(registry);
    }

    @Scheduled(every = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (stopping.get()) {
            return;
        }
        if (!releaseOverdue(clock.instant()).isEmpty()) {
            relay.nudge();
        }
        heldHigh.set(cases.heldHigh());
    }

    void stop(@Observes ShutdownEvent event) {
        stopping.set(true);
    }

    /** Releases the HIGH cases held longer than the limit at {@code now}; their ids. */
    @Transactional
    public List<Long> releaseOverdue(Instant now) {
        List<Long> released = cases.releaseHeldHigh(now.minus(maxHold), BATCH);
        if (!released.isEmpty()) {
            outbox.releaseHeld(released);
            cases.events(released.stream().map(id -> new CaseFile.Event(id, "RELEASED_TO_OWNER", "a HIGH alert is"
                    + " held from its owner at most " + maxHold.toMinutes() + " min on a suspected storm: the text"
                    + " goes now, and the incident stays open for the rest")).toList());
            releasedTotal.increment(released.size());
            LOG.warnf("%d HIGH alert(s) held by a fleet incident for %d min released to their owners: %s",
                    released.size(), maxHold.toMinutes(), released);
        }
        return released;
    }
}
