package io.petwatch.gateway.detect;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Per-collar detection for one hub. Not thread-safe: the gateway feeds it from one thread (the MQTT callback),
 * which also keeps each collar's event-time order as the broker delivered it.
 */
public final class DetectionEngine {
    /** Samples stamped further than this ahead of the hub's clock are rejected as a broken collar clock. */
    static final Duration MAX_FUTURE = Duration.ofDays(1);

    private final String hubId;
    private final ZoneId zone;
    private final LowActivityParams params;
    private final Clock clock;
    private final Map<String, CollarDetector> collars = new HashMap<>();
    private long batches;
    private long accepted;
    private long duplicate;
    private long rejected;
    private long alerts;
    private long seqSkipped;
    private long lateBatches;
    private int collarCount;

    public DetectionEngine(String hubId, ZoneId zone, LowActivityParams params, Clock clock) {
        this.hubId = Objects.requireNonNull(hubId, "hubId");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.params = Objects.requireNonNull(params, "params");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Adds a batch and returns the alerts it completes, oldest first. */
    public List<AlertEvent> ingest(CollarBatch batch) {
        CollarDetector collar = collars.computeIfAbsent(batch.collarId(),
                id -> new CollarDetector(hubId, id, zone, params));
        long now = clock.millis();
        CollarDetector.Ingested result = collar.ingest(batch.seq(), batch.samples(), now, MAX_FUTURE.toMillis(), now);
        synchronized (this) {
            batches++;
            accepted += result.accepted();
            duplicate += result.duplicate();
            rejected += result.rejected();
            alerts += result.alerts().size();
            seqSkipped += result.seqSkipped();
            lateBatches += result.late() ? 1 : 0;
            collarCount = collars.size();
        }
        return result.alerts();
    }

    public synchronized DetectionStats stats() {
        return new DetectionStats(batches, accepted, duplicate, rejected, seqSkipped, lateBatches, alerts, collarCount);
    }
}
