package io.petwatch.collector.signal;

/** A source event read from its bytes: either one to store, or a well-formed one of a type not stored. */
public sealed interface Parsed {
    String eventId();

    /** An event to store. */
    record Stored(SignalEvent event) implements Parsed {
        @Override
        public String eventId() {
            return event.eventId();
        }
    }

    /** A well-formed event PetWatch does not store, and why (answered 200 so the source does not retry it). */
    record Ignored(String eventId, String eventType, String reason) implements Parsed {
    }
}
