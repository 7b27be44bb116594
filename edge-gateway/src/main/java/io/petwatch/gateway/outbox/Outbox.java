package io.petwatch.gateway.outbox;

import io.petwatch.proto.v1.Alert;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Alerts raised but not yet settled with the collector. An alert stays until the collector has answered for it,
 * whatever happens to the network or the hub in between. {@link #peek} returns health alerts before device
 * alerts and otherwise the order alerts were added in (see {@link OutboxPolicy}).
 */
public interface Outbox {
    /**
     * Keeps the alert; adding an alert id already held is a no-op. When the outbox is full, the least important
     * alert held (or this one, if it is the least important) is dropped and counted.
     */
    void add(Alert alert);

    /** Up to {@code max} held alerts in drain order. */
    List<Alert> peek(int max);

    /** Forgets the alerts with these ids; unknown ids are ignored. */
    void remove(Collection<String> alertIds);

    int size();

    /** Alerts dropped because the outbox was full, since start. */
    long dropped();

    /**
     * Takes a held alert out of the drain order for good and keeps it aside with the reason, for an operator to
     * look at: the collector refused it, or it alone kept failing while other alerts went through. Unknown ids are
     * ignored.
     */
    void deadLetter(String alertId, String reason);

    /** Alerts kept aside as dead letters (those still held: the oldest give way past a cap). */
    long deadLetters();

    /** Why the newest dead letter was set aside, with its alert id; empty when there is none. */
    Optional<String> lastDeadLetter();
}
