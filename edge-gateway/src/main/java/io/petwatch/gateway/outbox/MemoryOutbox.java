package io.petwatch.gateway.outbox;

import io.petwatch.proto.v1.Alert;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An outbox that lives as long as the process: for tests and for replays that must not touch the disk. */
public final class MemoryOutbox implements Outbox {
    private final int capacity;
    private final Map<String, Alert> alerts = new LinkedHashMap<>();
    private final LinkedHashMap<String, String> dead = new LinkedHashMap<>();
    private long dropped;

    public MemoryOutbox() {
        this(Integer.MAX_VALUE);
    }

    public MemoryOutbox(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public synchronized void add(Alert alert) {
        if (alerts.containsKey(alert.getAlertId())) {
            return;
        }
        if (alerts.size() >= capacity) {
            Optional<Alert> victim = alerts.values().stream()
                    .min(Comparator.comparingInt(OutboxPolicy::importance));
            dropped++;
            if (victim.isEmpty() || OutboxPolicy.importance(victim.get()) > OutboxPolicy.importance(alert)) {
                return; // the new alert is the least important of all
            }
            alerts.remove(victim.get().getAlertId());
        }
        alerts.put(alert.getAlertId(), alert);
    }

    @Override
    public synchronized List<Alert> peek(int max) {
        List<Alert> ordered = new ArrayList<>(alerts.values());
        ordered.sort(Comparator.comparingInt(OutboxPolicy::drainClass)); // stable: insertion order within a class
        return ordered.subList(0, Math.min(max, ordered.size()));
    }

    @Override
    public synchronized void remove(Collection<String> alertIds) {
        alertIds.forEach(alerts::remove);
    }

    @Override
    public synchronized int size() {
        return alerts.size();
    }

    @Override
    public synchronized long dropped() {
        return dropped;
    }

    @Override
    public synchronized void deadLetter(String alertId, String reason) {
        if (alerts.remove(alertId) != null) {
            dead.put(alertId, reason);
            if (dead.size() > FileOutbox.MAX_DEAD_LETTERS) {
                dead.remove(dead.keySet().iterator().next());
            }
        }
    }

    @Override
    public synchronized long deadLetters() {
        return dead.size();
    }

    @Override
    public synchronized Optional<String> lastDeadLetter() {
        return dead.entrySet().stream().reduce((a, b) -> b).map(e -> e.getKey() + ": " + e.getValue());
    }
}
