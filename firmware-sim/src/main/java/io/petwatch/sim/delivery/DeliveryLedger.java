package io.petwatch.sim.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts what became of every batch, as answers arrive (on the MQTT client's threads). Undelivered batches are
 * listed one by one up to a limit, so a run against a broker that stays away cannot fill memory with the list.
 */
public final class DeliveryLedger {
    public static final int DEFAULT_LISTED = 10_000;

    private final int listed;
    private final Map<Delivery.Status, Long> byStatus = new EnumMap<>(Delivery.Status.class);
    private final Map<String, Long> undeliveredByCollar = new TreeMap<>();
    private final ArrayList<Delivery> undelivered = new ArrayList<>();
    private long afterReconnect;
    private long samples;

    public DeliveryLedger() {
        this(DEFAULT_LISTED);
    }

    public DeliveryLedger(int listed) {
        if (listed < 0) {
            throw new IllegalArgumentException("listed must not be negative, was " + listed);
        }
        this.listed = listed;
    }

    public synchronized void record(Delivery delivery) {
        byStatus.merge(delivery.status(), 1L, Long::sum);
        if (delivery.delivered()) {
            samples += delivery.samples();
            if (delivery.afterReconnect()) {
                afterReconnect++;
            }
            return;
        }
        undeliveredByCollar.merge(delivery.collarId(), 1L, Long::sum);
        if (undelivered.size() < listed) {
            undelivered.add(delivery);
        }
    }

    public synchronized DeliveryReport report(int collars, LinkStats links, Duration took) {
        long undeliveredCount = undeliveredByCollar.values().stream().mapToLong(Long::longValue).sum();
        return new DeliveryReport(collars, count(Delivery.Status.ACKNOWLEDGED), afterReconnect, samples,
                count(Delivery.Status.REFUSED), count(Delivery.Status.FAILED), count(Delivery.Status.NOT_SENT),
                count(Delivery.Status.UNCONFIRMED), undeliveredByCollar, undelivered,
                undeliveredCount - undelivered.size(), links, took.toMillis());
    }

    private long count(Delivery.Status status) {
        return byStatus.getOrDefault(status, 0L);
    }
}
