package io.petwatch.collector.signal.kafka;

import io.petwatch.collector.api.BadInput;
import io.petwatch.collector.signal.IntakeResult;
import io.petwatch.collector.signal.SignalIntake;
import io.petwatch.collector.signal.Via;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;

/** One record's value through intake: the envelope opened, its event stored once as {@link Via#KAFKA}. */
@ApplicationScoped
public class SignalRecordIntake {
    private final SignalIntake intake;

    public SignalRecordIntake(SignalIntake intake) {
        this.intake = intake;
    }

    /**
     * Stores the event the record carries (or finds it stored already, or of a type not stored).
     *
     * @throws BadInput when the record cannot be taken in, naming why: not an envelope, a source intake does not
     *                  know, an event without a field its source needs
     */
    // A refused record would be refused again: only other failures (the database away) are worth another try. Half a
    // minute at most, within the throttled commit strategy's 60 s limit on an unacknowledged record.
    @Retry(maxRetries = 10, delay = 2_000, jitter = 1_000, maxDuration = 40_000, abortOn = BadInput.class)
    public IntakeResult take(byte[] value) {
        SignalEnvelope envelope = SignalEnvelope.parse(value);
        return intake.accept(envelope.source(), envelope.event(), Via.KAFKA);
    }
}
