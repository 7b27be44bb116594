package io.petwatch.gateway.uplink;

import io.petwatch.gateway.outbox.Outbox;
import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.AlertBatch;
import io.petwatch.proto.v1.AlertBatchResult;
import io.petwatch.proto.v1.AlertResult;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.tinylog.Logger;

/**
 * Drains the outbox to the collector until every alert is settled. Failures back off exponentially (with jitter,
 * so a fleet of hubs does not retry in step) and never drop an alert; only an alert the collector explicitly
 * refuses on its own is given up, loudly.
 */
public final class Uplink implements AutoCloseable {
    /** What one drain step did. */
    public enum Step { IDLE, SENT, FAILED }

    private final Outbox outbox;
    private final CollectorClient client;
    private final String hubId;
    private final String hubModel;
    private final Clock clock;
    private final int maxBatch;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final Duration idlePoll;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private volatile boolean running;
    private volatile long lastSuccessMs;
    private volatile String lastFailure = "";
    private boolean signalled;
    private boolean isolating;
    private int failures;
    private Thread thread;

    /** {@code hubModel} is empty when the hub's model is not configured. */
    public Uplink(Outbox outbox, CollectorClient client, String hubId, String hubModel, Clock clock, int maxBatch,
                  Duration minBackoff, Duration maxBackoff, Duration idlePoll) {
        this.outbox = outbox;
        this.client = client;
        this.hubId = hubId;
        this.hubModel = hubModel;
        this.clock = clock;
        this.maxBatch = maxBatch;
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
        this.idlePoll = idlePoll;
    }

    /** Sends at most one batch. Exposed so tests can drive the uplink without threads. */
    public Step drainOnce() {
        List<Alert> alerts = outbox.peek(isolating ? 1 : maxBatch);
        if (alerts.isEmpty()) {
            return Step.IDLE;
        }
        AlertBatch batch = AlertBatch.newBuilder().setHubId(hubId).setHubModel(hubModel).addAllAlerts(alerts)
                .setSentAtMs(clock.millis()).build();
        try {
            settle(client.send(batch));
            isolating = false;
            failures = 0;
            lastFailure = "";
            lastSuccessMs = clock.millis();
            return Step.SENT;
        } catch (UplinkException e) {
            return onFailure(alerts, e);
        }
    }

    private void settle(AlertBatchResult result) {
        List<String> settled = new ArrayList<>();
        for (AlertResult r : result.getResultsList()) {
            switch (r.getOutcome()) {
                case ACCEPTED, DUPLICATE -> settled.add(r.getAlertId());
                case REJECTED -> {
                    Logger.error("Collector rejected alert {}: {} (not retried)", r.getAlertId(), r.getReason());
                    settled.add(r.getAlertId());
                }
                default -> Logger.warn("Collector gave no usable outcome for alert {}; will resend", r.getAlertId());
            }
        }
        outbox.remove(settled);
        Logger.debug("Uplink settled {} alert(s), {} pending", settled.size(), outbox.size());
    }

    private Step onFailure(List<Alert> alerts, UplinkException e) {
        if (e.kind() == UplinkException.Kind.REFUSED) {
            if (alerts.size() > 1) {
                Logger.warn("{}; resending one alert at a time to find the offending one", e.getMessage());
                isolating = true;
                return Step.SENT;
            }
            Alert bad = alerts.get(0);
            Logger.error("{}; giving up alert {} for collar {} ({})", e.getMessage(), bad.getAlertId(),
                    bad.getCollarId(), bad.getKind());
            outbox.remove(List.of(bad.getAlertId()));
            return Step.SENT;
        }
        failures++;
        lastFailure = e.kind() + ": " + e.getMessage();
        if (failures == 1 || failures % 10 == 0) {
            Logger.warn("Uplink failed ({} in a row, {} alert(s) pending): {}", failures, outbox.size(), e.getMessage());
        }
        return Step.FAILED;
    }

    Duration backoff() {
        long base = minBackoff.toMillis() << Math.min(failures - 1, 16);
        long capped = Math.min(base, maxBackoff.toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    /** Asks the uplink to look at the outbox now. */
    public void wakeUp() {
        lock.lock();
        try {
            signalled = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public void start() {
        running = true;
        thread = new Thread(this::run, "uplink");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            Step step;
            try {
                step = drainOnce();
            } catch (RuntimeException e) {
                Logger.error(e, "Uplink step failed");
                step = Step.FAILED;
                failures++;
            }
            if (step == Step.SENT) {
                continue;
            }
            // New alerts may cut an idle wait short, but never a back-off: that is what protects the collector.
            waitFor(step == Step.IDLE ? idlePoll : backoff(), step == Step.IDLE);
        }
    }

    private void waitFor(Duration delay, boolean wakeable) {
        lock.lock();
        try {
            long nanos = delay.toNanos();
            while (running && !(wakeable && signalled) && nanos > 0) {
                nanos = wake.awaitNanos(nanos);
            }
            signalled = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    /** Hub wall clock of the last batch the collector settled; 0 before the first. */
    public long lastSuccessMs() {
        return lastSuccessMs;
    }

    /** Why the last attempt failed (for example the collector refusing the hub's token), if it did. */
    public Optional<String> lastFailure() {
        String failure = lastFailure;
        return failure.isEmpty() ? Optional.empty() : Optional.of(failure);
    }

    public int pending() {
        return outbox.size();
    }

    @Override
    public void close() {
        running = false;
        wakeUp();
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
