package io.petwatch.gateway.mqtt;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.tinylog.Logger;

/**
 * Counts unusable payloads and logs the first one in full; later ones are only counted, so a misbehaving collar
 * cannot flood the hub's log. The count is reported with the gateway's periodic stats.
 */
public final class MalformedInputLog {
    private final AtomicLong count = new AtomicLong();
    private final Consumer<String> warn;

    public MalformedInputLog() {
        this(message -> Logger.warn(message));
    }

    /** With a sink for the one warning, so tests can see what is logged. */
    public MalformedInputLog(Consumer<String> warn) {
        this.warn = warn;
    }

    public void record(String reason) {
        if (count.incrementAndGet() == 1) {
            warn.accept("Dropped a malformed collar payload: " + reason + " (further ones are counted, not logged)");
        }
    }

    public long count() {
        return count.get();
    }
}
