package io.petwatch.gateway.ingest;

import io.petwatch.gateway.detect.AlertEvent;
import io.petwatch.gateway.mqtt.Decoded;
import io.petwatch.gateway.mqtt.Delivery;
import io.petwatch.gateway.mqtt.MalformedInputLog;
import io.petwatch.gateway.mqtt.StatusDecoder;
import io.petwatch.gateway.mqtt.TelemetryPipeline;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.tinylog.Logger;

/**
 * The one thread that runs detection. Messages wait in a bounded queue (a full queue blocks the MQTT callback,
 * which stops reading from the broker: back-pressure, never loss). The worker takes what has arrived as a group,
 * applies each message, makes the group durable with one journal sync, puts the alerts it raised in the outbox,
 * and only then acknowledges the group's messages to the broker, in the order they came.
 */
public final class DetectionWorker implements AutoCloseable {
    /** Most messages made durable by one sync. */
    static final int MAX_GROUP = 512;

    private final DetectionState state;
    private final TelemetryPipeline pipeline;
    private final StatusDecoder statuses;
    private final AlertRaiser raiser;
    private final MalformedInputLog malformed;
    private final Clock clock;
    private final BlockingQueue<Inbound> queue;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong heldBackMs = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long lastProgressMs;

    public DetectionWorker(DetectionState state, MalformedInputLog malformed, Clock clock, int capacity) {
        this.state = state;
        this.pipeline = state.pipeline();
        this.statuses = new StatusDecoder(malformed);
        this.raiser = state.raiser();
        this.malformed = malformed;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.lastProgressMs = clock.millis();
        this.thread = new Thread(this::run, "detection");
        thread.setDaemon(true);
    }

    /** Restores state from disk (raising again what the replay raises), then starts taking messages. */
    public void start() {
        raiser.raise(state.recover(clock.millis()));
        thread.start();
    }

    /** Hands a message over; blocks while the queue is full (the time it blocks counts as held back). */
    public void submit(Delivery delivery) {
        long arrived = clock.millis();
        Inbound.Message message = new Inbound.Message(delivery, arrived);
        if (queue.offer(message)) {
            return;
        }
        try {
            queue.put(message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down: unacknowledged, so the broker keeps it
        } finally {
            heldBackMs.addAndGet(Math.max(0, clock.millis() - arrived));
        }
    }

    /** Lets the hub clock reach detection; skipped when the queue is full (the next tick will do). */
    public void tick() {
        queue.offer(new Inbound.Tick());
    }

    private void run() {
        List<Inbound> group = new ArrayList<>(MAX_GROUP);
        try {
            while (running) {
                Inbound first = queue.poll(1, TimeUnit.SECONDS);
                if (first != null) {
                    group.add(first);
                    process(group);
                    group.clear();
                }
                lastProgressMs = clock.millis();
                state.checkpointIfDue(lastProgressMs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            // A journal or outbox that cannot be written: stop here, unacknowledged, and let the watchdog restart us.
            Logger.error(e, "Detection stopped: nothing more is acknowledged until the gateway restarts");
        } finally {
            running = false;
        }
    }

    /**
     * Applies the group, and whatever arrives while it is applied, then makes it all durable with one sync: the
     * more messages share a sync, the fewer syncs a burst costs.
     */
    private void process(List<Inbound> group) {
        List<AlertEvent> raised = new ArrayList<>();
        List<Runnable> acks = new ArrayList<>(group.size());
        synchronized (state.engine()) {
            int applied = 0;
            do {
                queue.drainTo(group, MAX_GROUP - group.size());
                for (; applied < group.size(); applied++) {
                    Inbound in = group.get(applied);
                    long wallMs = clock.millis();
                    if (in instanceof Inbound.Message m) {
                        acks.add(m.delivery().ack());
                        raised.addAll(apply(m.delivery(), wallMs));
                    } else {
                        raised.addAll(state.tick(wallMs));
                    }
                }
            } while (!queue.isEmpty() && group.size() < MAX_GROUP);
        }
        state.sync();
        raiser.raise(raised);
        acks.forEach(Runnable::run);
    }

    private List<AlertEvent> apply(Delivery delivery, long wallMs) {
        try {
            if (delivery.isStatus()) {
                return statuses.decode(delivery.topic(), delivery.payload())
                        .map(s -> state.status(s, wallMs)).orElse(List.of());
            }
            return pipeline.accept(delivery.topic(), delivery.payload(), wallMs).map(admitted -> {
                batches.incrementAndGet();
                return state.batch(admitted, delivery.payload(), wallMs);
            }).orElse(List.of());
        } catch (RuntimeException e) {
            // One odd message must not stop the hub; it is acknowledged, or it would come back after every restart.
            malformed.record(new Decoded.Malformed("detection-error", "message on '" + delivery.topic()
                    + "' failed in detection: " + e));
            Logger.error(e, "Detection failed on a message on {}", delivery.topic());
            return List.of();
        }
    }

    /** Batches detection has taken in since start. */
    public long batches() {
        return batches.get();
    }

    /** Messages waiting for the worker. */
    public int queued() {
        return queue.size();
    }

    /** Hub-clock time the MQTT intake has spent waiting for room in the queue, since start. */
    public long heldBackMs() {
        return heldBackMs.get();
    }

    /** How long the message at the head of the queue has waited (0 when none waits). */
    public long oldestWaitMs() {
        Inbound head = queue.peek();
        return head instanceof Inbound.Message m ? Math.max(0, clock.millis() - m.arrivedMs()) : 0;
    }

    /** Hub clock when the worker last finished a round; it finishes one at least every second when well. */
    public long lastProgressMs() {
        return lastProgressMs;
    }

    public boolean alive() {
        return running && thread.isAlive();
    }

    @Override
    public void close() {
        running = false; // no interrupt: it would close the journal's file channel mid-write
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            synchronized (state.engine()) {
                state.close(clock.millis());
            }
        }
    }
}
