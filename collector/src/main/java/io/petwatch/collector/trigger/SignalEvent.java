package io.petwatch.collector.trigger;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * One stored signal event as detection reads it: what intake normalised ({@link Facts}), never the raw payload.
 *
 * @param subject    what the event is about: a subscription, a tracking code, a survey response
 * @param customerId the customer intake joined it to; empty when nobody is known (then {@code unmatchedReason} says why)
 * @param occurredAt the source's event time: detection runs on it
 */
public record SignalEvent(long id, String source, String eventId, String eventType, String signal, String subject,
                          Optional<String> customerId, Optional<String> unmatchedReason, Instant occurredAt,
                          Facts facts) {

    /** Event time, then the order of arrival for events of the same instant. */
    public static final Comparator<SignalEvent> IN_EVENT_TIME = Comparator.comparing(SignalEvent::occurredAt)
            .thenComparingLong(SignalEvent::id);

    public SignalEvent {
        if (source == null || eventId == null || signal == null || subject == null || occurredAt == null
                || facts == null || customerId == null || unmatchedReason == null) {
            throw new IllegalArgumentException("signal event " + id + " lacks its source, event id, signal, subject,"
                    + " time or facts");
        }
    }

    /** The delivery status the event reports, lower case; empty when none is given. */
    public Optional<String> status() {
        return facts.text("status").map(s -> s.strip().toLowerCase(java.util.Locale.ROOT));
    }
}
