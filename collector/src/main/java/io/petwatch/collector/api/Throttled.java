package io.petwatch.collector.api;

import java.time.Duration;

/**
 * Too many failed sign-ins or hub tokens: answered 429 with a {@code Retry-After} header by {@link ClientErrors}. Thrown
 * before the secret is checked, so a throttled guess learns nothing.
 */
public class Throttled extends RuntimeException {
    private final Duration retryAfter;

    public Throttled(String message, Duration retryAfter) {
        super(message, null, false, false);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds to wait, at least 1, as {@code Retry-After} wants them. */
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    /** A wait in whole seconds, rounded up and at least 1: a client that waits that long is let in. */
    public static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
