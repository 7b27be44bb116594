package io.petwatch.collector.signal;

import java.util.Optional;

/**
 * What intake did with one event.
 *
 * @param outcome    stored now, stored before (a re-delivery or replay: nothing written), or not a kind stored at all
 * @param source     stripe, easypost, survey
 * @param eventId    the source's own event id
 * @param id         signal_events.id when stored now
 * @param customerId the customer it was joined to, when stored now and known
 * @param reason     why it is unmatched (stored now), or why it was ignored; empty otherwise
 */
public record IntakeResult(Outcome outcome, String source, String eventId, Optional<Long> id,
                           Optional<String> customerId, Optional<String> reason) {

    /** What happened to the event. */
    public enum Outcome {
        /** Stored now, status RECEIVED. */
        STORED,
        /** This (source, event id) was stored before; nothing was written. */
        ALREADY_STORED,
        /** A well-formed event of a type PetWatch does not store (a Stripe charge.succeeded, say). */
        IGNORED
    }

    static IntakeResult stored(SignalEvent event, long id, Optional<String> customerId, Optional<String> unmatched) {
        return new IntakeResult(Outcome.STORED, event.source(), event.eventId(), Optional.of(id), customerId, unmatched);
    }

    static IntakeResult alreadyStored(String source, String eventId) {
        return new IntakeResult(Outcome.ALREADY_STORED, source, eventId, Optional.empty(), Optional.empty(),
                Optional.of("already stored"));
    }

    static IntakeResult ignored(String source, String eventId, String reason) {
        return new IntakeResult(Outcome.IGNORED, source, eventId, Optional.empty(), Optional.empty(),
                Optional.of(reason));
    }
}
