package io.petwatch.collector.testing;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The collector's clock in tests: the system clock until a test fixes it, then exactly where the test puts it, so
 * quiet hours and four-hour timers are tested in seconds. Replaces the production clock (a default bean).
 */
@Singleton
public class TestClock extends Clock {
    private final AtomicReference<Instant> fixed = new AtomicReference<>();

    public void set(Instant now) {
        fixed.set(now);
    }

    public void advance(Duration by) {
        fixed.set(instant().plus(by));
    }

    public void reset() {
        fixed.set(null);
    }

    @Override
    public Instant instant() {
        Instant now = fixed.get();
        return now == null ? Instant.now() : now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the collector works in UTC");
    }
}
