package io.petwatch.gateway.state;

import java.util.Objects;

/**
 * One input that changed a collar's detection state, as the write-ahead journal keeps it. Replaying the entries
 * after a snapshot, with the hub clock each one was taken at, rebuilds exactly the state the gateway had.
 */
public sealed interface JournalEntry {
    /** The hub's wall clock when the input was taken (detection's "now" for it). */
    long wallMs();

    /** The collar whose state the input changed. */
    String collarId();

    /** A telemetry batch as the collar published it (TelemetryBatch protobuf bytes). */
    record Batch(long wallMs, String collarId, byte[] payload) implements JournalEntry {
        public Batch {
            Objects.requireNonNull(collarId, "collarId");
            Objects.requireNonNull(payload, "payload");
        }
    }

    /** The collar's status message: online, or offline (its will). */
    record Status(long wallMs, String collarId, boolean online) implements JournalEntry {
        public Status {
            Objects.requireNonNull(collarId, "collarId");
        }
    }

    /** The hub clock passed with nothing heard, and the collar's silence raised an alert. */
    record Tick(long wallMs, String collarId) implements JournalEntry {
        public Tick {
            Objects.requireNonNull(collarId, "collarId");
        }
    }

    /** The collar's slot was reclaimed: its state is forgotten. */
    record Forget(long wallMs, String collarId) implements JournalEntry {
        public Forget {
            Objects.requireNonNull(collarId, "collarId");
        }
    }
}
