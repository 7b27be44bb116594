package io.petwatch.gateway.status;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Whether the gateway is doing its whole job, not merely running. A gateway that is up while batches go missing
 * is the worst kind of wrong for a hub: the owner trusts a silence that means nothing. So the hub is DEGRADED, with
 * the counts, whenever within the last {@link Limits#window()} batches went missing from collars' seq runs (lost
 * between collar and hub, typically a broker queue that overflowed while the gateway fell behind), payloads were
 * dropped as unreadable, alerts were shed from a full outbox, detection lagged (a message waited longer than
 * {@link Limits#lag()}, or the MQTT intake was held back for that long in the window), and whenever the broker
 * connection, the subscriptions or the uploads fail or the watchdog found it stuck. Plain logic on the hub clock.
 */
public final class HubHealth {
    /**
     * @param window how far back losses, drops and lag count
     * @param lag    longest a message may wait for detection, and longest the intake may be held back in a window
     */
    public record Limits(Duration window, Duration lag) {
        public static final Limits DEFAULT = new Limits(Duration.ofMinutes(10), Duration.ofSeconds(60));

        public Limits {
            if (window.isNegative() || window.isZero() || lag.isNegative() || lag.isZero()) {
                throw new IllegalArgumentException("health window and lag must be positive, were " + window + ", "
                        + lag);
            }
        }
    }

    /**
     * Cumulative counters since start, and the current wait.
     *
     * @param seqSkipped      batches missing from collars' seq runs when later ones arrived
     * @param droppedPayloads payloads dropped before detection
     * @param droppedAlerts   alerts shed from a full outbox
     * @param heldBackMs      time the MQTT intake spent waiting for room in detection's queue
     * @param oldestWaitMs    how long the oldest message now queued for detection has waited (0: none)
     */
    public record Counters(long seqSkipped, long droppedPayloads, long droppedAlerts, long heldBackMs,
                           long oldestWaitMs) {
        public static final Counters ZERO = new Counters(0, 0, 0, 0, 0);
    }

    /** The connection's and the uploads' state, and the watchdog's verdict. */
    public record Links(boolean connected, boolean subscribed, Optional<String> uplinkFailure,
                        Optional<String> watchdog) {
    }

    /** OK, or DEGRADED with every reason, each with its count. */
    public record Verdict(List<String> reasons) {
        /** Before the first assessment, a few seconds after start. */
        public static final Verdict STARTING = new Verdict(List.of("starting"));

        public Verdict {
            reasons = List.copyOf(reasons);
        }

        public boolean ok() {
            return reasons.isEmpty();
        }

        public String state() {
            return ok() ? "OK" : "DEGRADED";
        }
    }

    private record Sample(long atMs, Counters counters) {
    }

    private final Limits limits;
    private final Deque<Sample> samples = new ArrayDeque<>();

    /** @param startMs hub clock at the start, when every counter was zero */
    public HubHealth(Limits limits, long startMs) {
        this.limits = limits;
        samples.add(new Sample(startMs, Counters.ZERO));
    }

    /** The verdict now; call it regularly (every few seconds), as it keeps the window's history. */
    public synchronized Verdict assess(long nowMs, Counters now, Links links) {
        samples.addLast(new Sample(nowMs, now));
        long from = nowMs - limits.window().toMillis();
        while (samples.size() > 1 && samples.peekFirst().atMs() < from) {
            samples.removeFirst();
        }
        Counters then = samples.peekFirst().counters();
        String window = minutes(limits.window());
        List<String> reasons = new ArrayList<>();
        if (!links.connected()) {
            reasons.add("not connected to the broker");
        } else if (!links.subscribed()) {
            reasons.add("connected but not subscribed to the collars' topics");
        }
        links.uplinkFailure().ifPresent(f -> reasons.add("uploads to the collector failing: " + f));
        links.watchdog().ifPresent(w -> reasons.add("stuck: " + w));
        add(reasons, now.seqSkipped() - then.seqSkipped(), "batch(es) missing from collars' seq runs in the last "
                + window + " (lost between collar and hub)");
        add(reasons, now.droppedPayloads() - then.droppedPayloads(), "payload(s) dropped as unreadable in the last "
                + window);
        add(reasons, now.droppedAlerts() - then.droppedAlerts(), "alert(s) shed from a full outbox in the last "
                + window);
        long lagMs = limits.lag().toMillis();
        if (now.oldestWaitMs() > lagMs) {
            reasons.add("detection lagging: the oldest queued message has waited " + now.oldestWaitMs() / 1000 + " s");
        }
        long heldMs = now.heldBackMs() - then.heldBackMs();
        if (heldMs > lagMs) {
            reasons.add("detection lagging: the broker's deliveries were held back " + heldMs / 1000
                    + " s in the last " + window + " (the broker queues, and may drop, what waits)");
        }
        return new Verdict(reasons);
    }

    private static void add(List<String> reasons, long count, String what) {
        if (count > 0) {
            reasons.add(count + " " + what);
        }
    }

    private static String minutes(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
