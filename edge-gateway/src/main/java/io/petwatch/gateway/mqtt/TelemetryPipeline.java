package io.petwatch.gateway.mqtt;

import io.petwatch.gateway.detect.CollarBatch;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Everything between an MQTT payload and detection: decode, admit the collar, hand the batch on. Admission keeps
 * state bounded: only paired collars when a pairing list is configured, otherwise at most {@code maxCollars}
 * distinct collars (a stream of garbage collar ids cannot grow the hub's memory).
 */
public final class TelemetryPipeline {
    private final TelemetryDecoder decoder = new TelemetryDecoder();
    private final Set<String> paired;
    private final int maxCollars;
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();
    private final MalformedInputLog malformed;
    private final Consumer<CollarBatch> handler;

    public TelemetryPipeline(Collection<String> paired, int maxCollars, MalformedInputLog malformed,
                             Consumer<CollarBatch> handler) {
        this.paired = Set.copyOf(paired);
        this.maxCollars = maxCollars;
        this.malformed = malformed;
        this.handler = handler;
    }

    /** Returns whether the payload became a batch for detection. */
    public boolean accept(String topic, byte[] payload) {
        Decoded decoded = decoder.decode(topic, payload);
        if (decoded instanceof Decoded.Malformed m) {
            malformed.record(m);
            return false;
        }
        CollarBatch batch = ((Decoded.Batch) decoded).batch();
        if (!admit(batch.collarId())) {
            return false;
        }
        handler.accept(batch);
        return true;
    }

    private boolean admit(String collarId) {
        if (admitted.contains(collarId)) {
            return true;
        }
        if (!paired.isEmpty() && !paired.contains(collarId)) {
            malformed.record(new Decoded.Malformed("unknown-collar", "collar '" + collarId
                    + "' is not paired with this hub"));
            return false;
        }
        synchronized (admitted) {
            if (admitted.size() >= maxCollars) {
                malformed.record(new Decoded.Malformed("too-many-collars", "collar '" + collarId
                        + "' would exceed the " + maxCollars + " collars this hub tracks"));
                return false;
            }
            admitted.add(collarId);
        }
        return true;
    }

    public int admittedCollars() {
        return admitted.size();
    }
}
