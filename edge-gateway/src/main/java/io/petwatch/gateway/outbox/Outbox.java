package io.petwatch.gateway.outbox;

import io.petwatch.proto.v1.Alert;
import java.util.Collection;
import java.util.List;

/**
 * Alerts raised but not yet settled with the collector. An alert stays until the collector has answered for it,
 * whatever happens to the network or the hub in between.
 */
public interface Outbox {
    /** Keeps the alert; adding an alert id already held is a no-op. */
    void add(Alert alert);

    /** Up to {@code max} held alerts, oldest first. */
    List<Alert> peek(int max);

    /** Forgets the alerts with these ids; unknown ids are ignored. */
    void remove(Collection<String> alertIds);

    int size();
}
