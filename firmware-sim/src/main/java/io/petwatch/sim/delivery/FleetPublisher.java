package io.petwatch.sim.delivery;

import io.petwatch.proto.v1.TelemetryBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.tinylog.Logger;

/**
 * Publishes collars in step: one batch per collar a round, paced, and each round waits for the broker's answers
 * up to the delivery timeout before the next. What the broker does not answer in time stays listened for, so a late
 * acknowledgement still counts; at the end, stragglers get one more timeout, and the rest are unconfirmed.
 * Batches come from their sources in order whatever happens to earlier ones: a collar's seq never restarts.
 */
public final class FleetPublisher {
    private final List<? extends CollarLink> links;
    private final Pacer pacer;
    private final Duration deliveryTimeout;
    private final DeliveryLedger ledger = new DeliveryLedger();
    private final Set<Tracked> outstanding = ConcurrentHashMap.newKeySet();
    private final long began = System.nanoTime();

    /** A batch handed over; recorded once, whichever comes first: its answer or the end of the run. */
    private record Tracked(String collarId, long seq, int samples, AtomicBoolean recorded,
                           CompletableFuture<Delivery> outcome) {
    }

    public FleetPublisher(List<? extends CollarLink> links, Pacer pacer, Duration deliveryTimeout) {
        if (deliveryTimeout.isNegative() || deliveryTimeout.isZero()) {
            throw new IllegalArgumentException("delivery timeout must be positive, was " + deliveryTimeout);
        }
        this.links = List.copyOf(links);
        this.pacer = pacer;
        this.deliveryTimeout = deliveryTimeout;
    }

    /** Publishes until every source is empty; {@code sources.get(i)} feeds {@code links.get(i)}. */
    public DeliveryReport publish(List<? extends Supplier<Optional<TelemetryBatch>>> sources) {
        if (sources.size() != links.size()) {
            throw new IllegalArgumentException(sources.size() + " batch sources for " + links.size() + " collars");
        }
        long handed = 0;
        while (true) {
            pacer.awaitTurn(handed);
            List<CompletableFuture<Delivery>> round = new ArrayList<>();
            for (int i = 0; i < links.size(); i++) {
                Optional<TelemetryBatch> batch = sources.get(i).get();
                if (batch.isPresent()) {
                    round.add(track(links.get(i), batch.get()));
                    handed++;
                }
            }
            if (round.isEmpty()) {
                break;
            }
            awaitAtMost(round, deliveryTimeout);
        }
        awaitAtMost(outstanding.stream().map(Tracked::outcome).toList(), deliveryTimeout);
        for (Tracked t : List.copyOf(outstanding)) {
            settle(t, Delivery.undelivered(t.collarId(), t.seq(), t.samples(), Delivery.Status.UNCONFIRMED,
                    "handed to the MQTT client, but no PUBACK before the run ended (it may have reached the broker)"));
        }
        return progress();
    }

    /** The counts so far: safe to call from another thread while {@link #publish} runs. */
    public DeliveryReport progress() {
        LinkStats stats = links.stream().map(CollarLink::stats).reduce(LinkStats.NONE, LinkStats::plus);
        return ledger.report(links.size(), stats, Duration.ofNanos(System.nanoTime() - began));
    }

    private CompletableFuture<Delivery> track(CollarLink link, TelemetryBatch batch) {
        CompletableFuture<Delivery> outcome = link.send(batch, deliveryTimeout);
        Tracked t = new Tracked(link.collarId(), batch.getSeq(), batch.getSamplesCount(), new AtomicBoolean(),
                outcome);
        outstanding.add(t);
        outcome.whenComplete((delivery, error) -> settle(t, error == null ? delivery
                : Delivery.undelivered(t.collarId(), t.seq(), t.samples(), Delivery.Status.FAILED,
                        String.valueOf(error.getMessage()))));
        return outcome;
    }

    private void settle(Tracked t, Delivery delivery) {
        if (t.recorded().compareAndSet(false, true)) {
            outstanding.remove(t);
            ledger.record(delivery);
            if (!delivery.delivered()) {
                Logger.debug("{} seq {} undelivered ({}): {}", t.collarId(), t.seq(), delivery.status(),
                        delivery.reason());
            }
        }
    }

    private static void awaitAtMost(List<CompletableFuture<Delivery>> outcomes, Duration timeout) {
        try {
            CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException carryOn) {
            // Unanswered batches stay outstanding and failed ones are recorded as they fail; the run goes on.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("publishing interrupted", e);
        }
    }
}
