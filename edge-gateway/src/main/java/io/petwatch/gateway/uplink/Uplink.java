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
 * so a fleet of hubs does not retry in step) and never drop an alert. An alert the collector cannot take is found
 * by splitting the upload ({@link UploadSplit}) and kept aside as a dead letter with the reason, loudly, so it
 * never holds the others.
 */
public final class Uplink implements AutoCloseable {
    /** What one drain step did: nothing to send, sent (or split: go on at once), retry shortly, or back off. */
    public enum Step { IDLE, SENT, RETRY, FAILED }

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
    private final UploadSplit split;
    private boolean signalled;
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
        this.split = new UploadSplit(maxBatch);
    }

    /** Sends at most one batch. Exposed so tests can drive the uplink without threads. */
    public Step drainOnce() {
        List<Alert> alerts = next();
        if (alerts.isEmpty()) {
            return Step.IDLE;
        }
        AlertBatch batch = AlertBatch.newBuilder().setHubId(hubId).setHubModel(hubModel).addAllAlerts(alerts)
                .setSentAtMs(clock.millis()).build();
        List<String> ids = alerts.stream().map(Alert::getAlertId).toList();
        try {
            AlertBatchResult result = client.send(batch);
            if (result.getResultsCount() == 0) {
                // Nothing settled: sending again at once would hammer the collector with the same upload.
                return onFailure(ids, new UplinkException(UplinkException.Kind.TRANSIENT,
                        "collector answered without an outcome for any alert"));
            }
            settle(result);
            split.onSuccess(ids).ifPresent(v -> deadLetter(v.deadLetter().orElseThrow(), v.reason()));
            failures = 0;
            lastFailure = "";
            lastSuccessMs = clock.millis();
            return Step.SENT;
        } catch (UplinkException e) {
            return onFailure(ids, e);
        }
    }

    /** The next upload: up to the split's limit, the suspect left out unless it is all there is. */
    private List<Alert> next() {
        Optional<String> suspect = split.suspect();
        List<Alert> alerts = outbox.peek(split.limit() + (suspect.isPresent() ? 1 : 0));
        List<Alert> others = alerts.stream().filter(a -> !suspect.map(a.getAlertId()::equals).orElse(false))
                .limit(split.limit()).toList();
        return others.isEmpty() ? alerts : others;
    }

    private void settle(AlertBatchResult result) {
        List<String> settled = new ArrayList<>();
        for (AlertResult r : result.getResultsList()) {
            switch (r.getOutcome()) {
                case ACCEPTED, DUPLICATE -> settled.add(r.getAlertId());
                case REJECTED -> deadLetter(r.getAlertId(), "rejected by the collector: " + r.getReason());
                default -> Logger.warn("Collector gave no usable outcome for alert {}; will resend", r.getAlertId());
            }
        }
        outbox.remove(settled);
        Logger.debug("Uplink settled {} alert(s), {} pending", settled.size(), outbox.size());
    }

    private Step onFailure(List<String> ids, UplinkException e) {
        UploadSplit.Verdict verdict = split.onFailure(ids, e, outbox.size() > ids.size());
        verdict.deadLetter().ifPresent(id -> deadLetter(id, verdict.reason()));
        lastFailure = e.kind() + ": " + e.getMessage();
        if (verdict.next() == UploadSplit.Next.SEND_NOW) {
            if (verdict.deadLetter().isEmpty()) {
                Logger.warn("{}; splitting the upload of {} alert(s) to find the one it fails on", e.getMessage(),
                        ids.size());
            }
            return Step.SENT;
        }
        if (verdict.next() == UploadSplit.Next.RETRY_SOON) {
            Logger.warn("Uplink failed ({} alert(s) pending), retrying shortly: {}", outbox.size(), e.getMessage());
            return Step.RETRY;
        }
        failures++;
        if (failures == 1 || failures % 10 == 0) {
            Logger.warn("Uplink failed ({} in a row, {} alert(s) pending): {}", failures, outbox.size(), e.getMessage());
        }
        return Step.FAILED;
    }

    private void deadLetter(String alertId, String reason) {
        Logger.error("Alert {} set aside as a dead letter ({}); the others go on. See the outbox's dead/ folder",
                alertId, reason);
        outbox.deadLetter(alertId, reason);
    }

    Duration backoff() {
        long base = minBackoff.toMillis() << Math.min(Math.max(failures - 1, 0), 16);
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
            waitFor(switch (step) {
                case IDLE -> idlePoll;
                case RETRY -> minBackoff;
                default -> backoff();
            }, step == Step.IDLE);
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

    public long deadLetters() {
        return outbox.deadLetters();
    }

    /** The newest dead letter's alert id and reason. */
    public Optional<String> lastDeadLetter() {
        return outbox.lastDeadLetter();
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
