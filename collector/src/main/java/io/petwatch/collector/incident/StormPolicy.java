package io.petwatch.collector.incident;

import java.time.Duration;

/**
 * When alerts look like a fleet fault rather than sick pets: at least {@code minCollars} collars of one fleet (a
 * collar firmware or a hub model) started firing low-activity alerts within {@code window}, and they are at least
 * {@code minShare} of that fleet's known collars. Pets fall ill independently; a device fault takes many at once.
 */
public record StormPolicy(Duration window, int minCollars, double minShare) {
    public StormPolicy {
        if (window.isNegative() || window.isZero() || minCollars < 2 || minShare <= 0 || minShare > 1) {
            throw new IllegalArgumentException("storm policy needs a positive window, at least 2 collars and a share"
                    + " in (0, 1]; was " + window + ", " + minCollars + ", " + minShare);
        }
    }

    public boolean storm(long firingCollars, long knownCollars) {
        return firingCollars >= minCollars && knownCollars > 0 && (double) firingCollars / knownCollars >= minShare;
    }
}
