package io.petwatch.gateway.outbox;

import io.petwatch.proto.v1.Alert;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An outbox that lives as long as the process: for tests and for replays that must not touch the disk. */
public final class MemoryOutbox implements Outbox {
    private final Map<String, Alert> alerts = new LinkedHashMap<>();

    @Override
    public synchronized void add(Alert alert) {
        alerts.putIfAbsent(alert.getAlertId(), alert);
    }

    @Override
    public synchronized List<Alert> peek(int max) {
        return new ArrayList<>(alerts.values()).subList(0, Math.min(max, alerts.size()));
    }

    @Override
    public synchronized void remove(Collection<String> alertIds) {
        alertIds.forEach(alerts::remove);
    }

    @Override
    public synchronized int size() {
        return alerts.size();
    }
}
