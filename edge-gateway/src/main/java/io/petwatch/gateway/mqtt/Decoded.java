package io.petwatch.gateway.mqtt;

import io.petwatch.gateway.detect.CollarBatch;

/** What a telemetry payload turned out to be. */
public sealed interface Decoded {
    record Batch(CollarBatch batch) implements Decoded {
    }

    /**
     * A payload that cannot be used.
     *
     * @param reason a short key counted in the stats (not-protobuf, topic-mismatch, oversized, absurd-count,
     *               absurd-timestamp, unknown-collar, too-many-collars)
     * @param detail the reason in words an operator can act on
     */
    record Malformed(String reason, String detail) implements Decoded {
    }
}
