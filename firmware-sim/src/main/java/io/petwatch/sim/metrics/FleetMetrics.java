package io.petwatch.sim.metrics;

import io.petwatch.sim.delivery.Delivery;
import io.petwatch.sim.delivery.Percentiles;
import io.petwatch.sim.delivery.PublishFigures;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fleet run's live figures, fed from the MQTT client's threads and the player's, read at any time by the
 * progress line, the Prometheus endpoint and the final report. Counters only ever grow, so a reader needs no lock.
 */
public final class FleetMetrics {
    /** Why a collar connected. */
    public enum Connect {
        /** Its first connection, in the connect phase. */
        FIRST,
        /** Back after a scripted drop, when the player asked. */
        ASKED,
        /** Back on its own after the broker went away. */
        AUTOMATIC
    }

    private final long createdNanos = System.nanoTime();
    private volatile int collars;
    private final AtomicInteger online = new AtomicInteger();
    private final LongAdder connectFailures = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private final LongAdder handed = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder malformedSent = new LongAdder();
    private final LongAdder malformedUndelivered = new LongAdder();
    private final LongAdder drops = new LongAdder();
    private final Map<Delivery.Status, LongAdder> settled;
    private final LatencyRecorder ackLatency = new LatencyRecorder();
    private final LatencyRecorder connectTime = new LatencyRecorder();
    private final Span firstConnects = new Span();
    private final Span askedReconnects = new Span();
    private final Span sends = new Span();
    private final Span acks = new Span();

    public FleetMetrics() {
        Map<Delivery.Status, LongAdder> byStatus = new EnumMap<>(Delivery.Status.class);
        for (Delivery.Status s : Delivery.Status.values()) {
            byStatus.put(s, new LongAdder());
        }
        settled = Collections.unmodifiableMap(byStatus);
    }

    /** The fleet's size, for "connected n of N". */
    public void collars(int n) {
        collars = n;
    }

    public void connectStarted(Connect why, long nanos) {
        if (why == Connect.FIRST) {
            firstConnects.start(nanos);
        } else if (why == Connect.ASKED) {
            askedReconnects.start(nanos);
        }
    }

    /** A connection made; {@code tookNanos} 0 when it was not timed (a reconnect of the client's own). */
    public void connected(Connect why, long tookNanos, long nanos) {
        online.incrementAndGet();
        if (tookNanos > 0) {
            connectTime.record(tookNanos);
        }
        if (why == Connect.FIRST) {
            firstConnects.end(nanos);
        } else {
            reconnects.increment();
            if (why == Connect.ASKED) {
                askedReconnects.end(nanos);
            }
        }
    }

    public void disconnected() {
        online.decrementAndGet();
    }

    public void connectFailed() {
        connectFailures.increment();
    }

    /** A batch given to a collar's link (it may still wait there for the collar to be online). */
    public void handed() {
        handed.increment();
    }

    /** A batch put on the wire. */
    public void sent(long nanos) {
        sent.increment();
        sends.start(nanos);
        sends.end(nanos);
    }

    public void acknowledged(long latencyNanos, long nanos) {
        ackLatency.record(latencyNanos);
        acks.end(nanos);
    }

    /** What became of a handed batch, once. */
    public void settled(Delivery.Status status) {
        settled.get(status).increment();
    }

    public void malformed(boolean acknowledged) {
        (acknowledged ? malformedSent : malformedUndelivered).increment();
    }

    public void dropped() {
        drops.increment();
    }

    public int collars() {
        return collars;
    }

    public int online() {
        return online.get();
    }

    public long collarsConnected() {
        return firstConnects.count();
    }

    public long connectFailures() {
        return connectFailures.sum();
    }

    public long reconnects() {
        return reconnects.sum();
    }

    public long sent() {
        return sent.sum();
    }

    public long count(Delivery.Status status) {
        return settled.get(status).sum();
    }

    /** Batches handed to links and not yet settled: waiting for their collar, or for the broker's answer. */
    public long inFlight() {
        long done = settled.values().stream().mapToLong(LongAdder::sum).sum();
        return Math.max(0, handed.sum() - done);
    }

    public long malformedSent() {
        return malformedSent.sum();
    }

    public long drops() {
        return drops.sum();
    }

    public LatencyRecorder ackLatency() {
        return ackLatency;
    }

    public LatencyRecorder connectTime() {
        return connectTime;
    }

    /** Seconds since these metrics began. */
    public long elapsedSeconds() {
        return (System.nanoTime() - createdNanos) / 1_000_000_000L;
    }

    /** The figures for the report, with the two phases' lengths measured by the run. */
    public PublishFigures figures(long connectPhaseMs, long playMs) {
        Percentiles latency = ackLatency.percentiles();
        return new PublishFigures(collarsConnected(), connectFailures(), sent(), malformedSent(),
                malformedUndelivered.sum(), drops(), latency, connectTime.percentiles(), firstConnects.rate(),
                askedReconnects.rate(), sends.rate(), Span.rate(acks.count(), sends.firstNanos(), acks.lastNanos()),
                connectPhaseMs, playMs);
    }
}
