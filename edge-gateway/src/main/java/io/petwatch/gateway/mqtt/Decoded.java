package io.petwatch.gateway.mqtt;

import io.petwatch.gateway.detect.CollarBatch;

/** What a telemetry payload turned out to be. */
public sealed interface Decoded {
    record Batch(CollarBatch batch) implements Decoded {
    }

    /** A payload that cannot be used, with the reason in words an operator can act on. */
    record Malformed(String reason) implements Decoded {
    }
}
