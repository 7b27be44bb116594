package io.petwatch.gateway.mqtt;

import java.util.concurrent.atomic.AtomicLong;
import org.tinylog.Logger;

/**
 * Counts unusable payloads and logs the first one in full; later ones are only counted, so a misbehaving collar
 * cannot flood the hub's log. The count is reported with the gateway's periodic stats.
 */
public final class MalformedInputLog {
    private final AtomicLong count = new AtomicLong();

    public void record(String reason) {
        if (count.incrementAndGet() == 1) {
            Logger.warn("Dropped a malformed collar payload: {} (further ones are counted, not logged)", reason);
        }
    }

    public long count() {
        return count.get();
    }
}
