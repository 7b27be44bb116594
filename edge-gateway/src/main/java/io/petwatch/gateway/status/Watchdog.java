package io.petwatch.gateway.status;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Notices a gateway that is alive but no longer doing its job, so that it can exit and be restarted by its
 * service manager (a process that stays up while stuck is never restarted): detection that stopped or made no
 * progress, a connection without subscriptions, a broker out of reach for too long, or a connection that keeps
 * dropping while nothing gets through. Plain logic on the hub clock; the gateway feeds it its vitals.
 */
public final class Watchdog {
    /**
     * @param stall        longest time without a round of detection, or connected without subscriptions
     * @param disconnected longest time without a broker connection
     * @param flaps        connection losses within {@code flapWindow}, with no batch processed since the first,
     *                     that count as flapping
     */
    public record Limits(Duration stall, Duration disconnected, int flaps, Duration flapWindow) {
    }

    /**
     * What the watchdog looks at.
     *
     * @param lastProgressMs   hub clock of detection's last round
     * @param sinceMs          hub clock of the last change of connection or subscription
     * @param connectionLosses connections lost since start
     * @param batches          batches detection has taken in since start
     */
    public record Vitals(boolean workerAlive, long lastProgressMs, int queued, boolean connected,
                         boolean subscribed, long sinceMs, long connectionLosses, long batches) {
    }

    private record Loss(long atMs, long batches) {
    }

    private final Limits limits;
    private final Deque<Loss> losses = new ArrayDeque<>();
    private long lossesSeen;

    public Watchdog(Limits limits) {
        this.limits = limits;
    }

    /** Why the gateway is stuck, if it is. */
    public synchronized Optional<String> check(long nowMs, Vitals v) {
        for (; lossesSeen < v.connectionLosses(); lossesSeen++) {
            losses.addLast(new Loss(nowMs, v.batches()));
        }
        while (!losses.isEmpty() && nowMs - losses.peekFirst().atMs() > limits.flapWindow().toMillis()) {
            losses.removeFirst();
        }
        long stallMs = limits.stall().toMillis();
        if (!v.workerAlive()) {
            return Optional.of("detection has stopped (see the error before this)");
        }
        if (nowMs - v.lastProgressMs() >= stallMs) {
            return Optional.of("detection made no progress for " + seconds(nowMs - v.lastProgressMs()) + " s with "
                    + v.queued() + " message(s) waiting");
        }
        if (v.connected() && !v.subscribed() && nowMs - v.sinceMs() >= stallMs) {
            return Optional.of("connected to the broker but not subscribed for " + seconds(nowMs - v.sinceMs()) + " s");
        }
        if (!v.connected() && nowMs - v.sinceMs() >= limits.disconnected().toMillis()) {
            return Optional.of("not connected to the broker for " + seconds(nowMs - v.sinceMs()) + " s");
        }
        if (losses.size() >= limits.flaps() && v.batches() == losses.peekFirst().batches()) {
            return Optional.of("the broker connection dropped " + losses.size() + " times in "
                    + seconds(limits.flapWindow().toMillis()) + " s with no batch processed");
        }
        return Optional.empty();
    }

    private static long seconds(long ms) {
        return ms / 1000;
    }
}
