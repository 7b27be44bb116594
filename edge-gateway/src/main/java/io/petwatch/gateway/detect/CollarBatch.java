package io.petwatch.gateway.detect;

import java.util.List;
import java.util.Objects;

/** A decoded telemetry batch: what the detectors need of it, independent of the wire format. */
public record CollarBatch(String collarId, long seq, String firmware, int batteryPct, boolean charging,
                          List<MinuteSample> samples) {
    public CollarBatch {
        Objects.requireNonNull(collarId, "collarId");
        if (collarId.isBlank()) {
            throw new IllegalArgumentException("collarId must not be blank");
        }
        samples = List.copyOf(samples);
    }
}
