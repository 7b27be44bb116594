package io.petwatch.sim.play;

import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.sim.delivery.Delivery;
import io.petwatch.sim.delivery.DeliveryLedger;
import io.petwatch.sim.delivery.DeliveryReport;
import io.petwatch.sim.delivery.LinkStats;
import io.petwatch.sim.metrics.FleetMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tinylog.Logger;

/**
 * What became of every send, recorded once as answers arrive on the MQTT client's threads: batches in the
 * ledger, payloads that are not batches only as counts. Sends still unanswered at the end are unconfirmed.
 */
final class SendBook {
    private final FleetMetrics metrics;
    private final DeliveryLedger ledger = new DeliveryLedger();
    private final Set<Sent> outstanding = ConcurrentHashMap.newKeySet();

    private record Sent(String collarId, long seq, int samples, boolean raw, AtomicBoolean recorded) {
    }

    SendBook(FleetMetrics metrics) {
        this.metrics = metrics;
    }

    /** Follows a batch's outcome; {@code answered} runs (on whichever thread) once it is known. */
    void batch(String collarId, TelemetryBatch batch, CompletableFuture<Delivery> outcome, Runnable answered) {
        metrics.handed();
        follow(new Sent(collarId, batch.getSeq(), batch.getSamplesCount(), false, new AtomicBoolean()), outcome,
                answered);
    }

    /** Follows a payload that is not a batch. */
    void raw(String collarId, CompletableFuture<Delivery> outcome, Runnable answered) {
        follow(new Sent(collarId, 0, 0, true, new AtomicBoolean()), outcome, answered);
    }

    boolean allAnswered() {
        return outstanding.isEmpty();
    }

    /** Records every send still unanswered as unconfirmed. */
    void close() {
        for (Sent s : List.copyOf(outstanding)) {
            settle(s, Delivery.undelivered(s.collarId(), s.seq(), s.samples(), Delivery.Status.UNCONFIRMED,
                    "handed to the MQTT client, but no PUBACK before the run ended (it may have reached the broker)"));
        }
    }

    DeliveryReport report(int collars, LinkStats links, Duration took) {
        return ledger.report(collars, links, took);
    }

    private void follow(Sent sent, CompletableFuture<Delivery> outcome, Runnable answered) {
        outstanding.add(sent);
        outcome.whenComplete((delivery, error) -> {
            settle(sent, error == null ? delivery : Delivery.undelivered(sent.collarId(), sent.seq(), sent.samples(),
                    Delivery.Status.FAILED, String.valueOf(error.getMessage())));
            answered.run();
        });
    }

    private void settle(Sent s, Delivery delivery) {
        if (!s.recorded().compareAndSet(false, true)) {
            return;
        }
        try {
            if (s.raw()) {
                metrics.malformed(delivery.delivered());
                return;
            }
            ledger.record(delivery);
            metrics.settled(delivery.status());
            if (!delivery.delivered()) {
                Logger.debug("{} seq {} undelivered ({}): {}", s.collarId(), s.seq(), delivery.status(),
                        delivery.reason());
            }
        } finally {
            // Last, so that a reader who sees nothing outstanding also sees every answer counted.
            outstanding.remove(s);
        }
    }
}
