package io.petwatch.sim.mqtt;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long a collar waits before each attempt to reconnect: exponential back-off, capped, with "equal jitter" (a
 * random wait between half and all of the capped delay). A broker restart drops a whole fleet at once; without
 * jitter every collar would knock again at the same instants. HiveMQ's own automatic reconnect jitters by only
 * ±25%, and this simulator needs a disconnect listener of its own anyway (see {@link CollarConnection}).
 */
public record ReconnectPolicy(Duration initialDelay, Duration maxDelay) {
    public static final ReconnectPolicy DEFAULT = new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofSeconds(15));

    public ReconnectPolicy {
        if (initialDelay.isNegative() || initialDelay.isZero()) {
            throw new IllegalArgumentException("initial reconnect delay must be positive, was " + initialDelay);
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("max reconnect delay " + maxDelay + " is below the initial delay "
                    + initialDelay);
        }
    }

    /** The wait before attempt {@code attempt} (0: the first after a drop), in [cap / 2, cap]. */
    public Duration delay(int attempt, RandomGenerator random) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must not be negative, was " + attempt);
        }
        long max = maxDelay.toMillis();
        long cap = initialDelay.toMillis();
        for (int i = 0; i < attempt && cap < max; i++) {
            cap *= 2;
        }
        cap = Math.min(cap, max);
        long half = cap / 2;
        return Duration.ofMillis(half + random.nextLong(cap - half + 1));
    }
}
