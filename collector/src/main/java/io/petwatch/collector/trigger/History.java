package io.petwatch.collector.trigger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What is known of one subject, in event time: its own events and, for a parcel, the survey answers that name its
 * tracking code. Events may have arrived in any order and more than once (a source re-sending, two aggregators): the
 * history sorts them by event time and keeps one event per source event id.
 *
 * @param signal  PAYMENT, DELIVERY or SURVEY: which rules apply
 * @param subject the subscription, tracking code or survey response
 */
public record History(String signal, String subject, List<SignalEvent> events) {

    public History {
        Map<String, SignalEvent> once = new LinkedHashMap<>();
        events.stream().sorted(SignalEvent.IN_EVENT_TIME)
                .forEach(e -> once.putIfAbsent(e.source() + "\u0000" + e.eventId(), e));
        events = List.copyOf(once.values());
    }

    /** The subject's own events (a parcel's tracking updates, without the surveys about it). */
    public List<SignalEvent> own() {
        return events.stream().filter(e -> e.signal().equals(signal) && e.subject().equals(subject)).toList();
    }

    /** The customer of the subject's latest joined event (of its own first, else any): whom a trigger is about. */
    public Optional<String> customer() {
        Optional<String> own = latestCustomer(own());
        return own.isPresent() ? own : latestCustomer(events);
    }

    /** The source of the subject's own events (a parcel's aggregator), for the alert's source column. */
    public Optional<String> source() {
        List<SignalEvent> own = own();
        return own.isEmpty() ? Optional.empty() : Optional.of(own.get(own.size() - 1).source());
    }

    private static Optional<String> latestCustomer(List<SignalEvent> events) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).customerId().isPresent()) {
                return events.get(i).customerId();
            }
        }
        return Optional.empty();
    }
}
