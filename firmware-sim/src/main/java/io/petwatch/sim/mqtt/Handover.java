package io.petwatch.sim.mqtt;

import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.petwatch.sim.delivery.Delivery;
import io.petwatch.sim.metrics.FleetMetrics;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * One collar's sends in the order they were handed over: each goes when the collar is online and the one before
 * it has gone, or is given up at its deadline. Chaining keeps a collar's batches in seq order through an outage.
 * A batch is timed from the moment it goes to its PUBACK.
 */
final class Handover {
    private final String collarId;
    private final FleetMetrics metrics;
    private final Supplier<CompletableFuture<Void>> online;
    private final IntSupplier connection;
    private final Function<byte[], CompletableFuture<Mqtt5PublishResult>> publish;
    private CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);

    /**
     * @param online     the collar's current connection, complete while it is up (read when a send's turn comes)
     * @param connection how many connections the collar has made, to tell a send re-sent after a reconnect
     * @param publish    puts a payload on the wire
     */
    Handover(String collarId, FleetMetrics metrics, Supplier<CompletableFuture<Void>> online, IntSupplier connection,
             Function<byte[], CompletableFuture<Mqtt5PublishResult>> publish) {
        this.collarId = collarId;
        this.metrics = metrics;
        this.online = online;
        this.connection = connection;
        this.publish = publish;
    }

    /** Sends {@code payload} as {@code seq} of {@code samples} minutes (0 and 0, not a batch: not timed). */
    synchronized CompletableFuture<Delivery> send(long seq, int samples, byte[] payload, boolean batch,
                                                  Duration deliveryTimeout) {
        CompletableFuture<Boolean> inTime = previous.thenCompose(before -> online.get())
                .thenApply(connected -> true)
                .completeOnTimeout(false, deliveryTimeout.toMillis(), TimeUnit.MILLISECONDS);
        previous = inTime.thenApply(decided -> null);
        return inTime.thenCompose(went -> {
            if (!went) {
                return CompletableFuture.completedFuture(Delivery.undelivered(collarId, seq, samples,
                        Delivery.Status.NOT_SENT, "not sent: collar offline for the whole "
                                + deliveryTimeout.toSeconds() + " s delivery timeout"));
            }
            int handedOn = connection.getAsInt();
            long sentAt = System.nanoTime();
            if (batch) {
                metrics.sent(sentAt);
            }
            return publish.apply(payload).handle((result, error) -> {
                Delivery d = Outcomes.of(collarId, seq, samples, result, error, connection.getAsInt() != handedOn);
                if (batch && d.delivered()) {
                    long now = System.nanoTime();
                    metrics.acknowledged(now - sentAt, now);
                }
                return d;
            });
        });
    }
}
