package io.petwatch.gateway.mqtt;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.tinylog.Logger;

/**
 * Counts unusable payloads by reason and logs at a bounded rate: the first of each reason in full, then one line
 * per 1,000, so a misbehaving collar cannot flood the hub's log. The counts are in the gateway's stats.
 */
public final class MalformedInputLog {
    static final int LOG_EVERY = 1000;

    private final Map<String, AtomicLong> byReason = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();
    private final Consumer<String> warn;

    public MalformedInputLog() {
        this(message -> Logger.warn(message));
    }

    /** With a sink for the warnings, so tests can see what is logged. */
    public MalformedInputLog(Consumer<String> warn) {
        this.warn = warn;
    }

    public void record(Decoded.Malformed malformed) {
        total.incrementAndGet();
        long n = byReason.computeIfAbsent(malformed.reason(), r -> new AtomicLong()).incrementAndGet();
        if (n == 1 || n % LOG_EVERY == 0) {
            warn.accept("Dropped a collar payload (" + malformed.reason() + ", " + n + " so far): "
                    + malformed.detail());
        }
    }

    public long count() {
        return total.get();
    }

    /** Dropped payloads by reason. */
    public Map<String, Long> byReason() {
        Map<String, Long> out = new TreeMap<>();
        byReason.forEach((reason, n) -> out.put(reason, n.get()));
        return out;
    }
}
