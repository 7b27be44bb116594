package io.petwatch.collector.signal;

/** What kind of retail signal an event is (signal_events.signal). */
public enum Signal {
    PAYMENT, DELIVERY, SURVEY
}
