package io.petwatch.collector.signal;

import java.util.Optional;

/**
 * A CDI event fired when intake stored a signal event, inside its transaction: observe it with
 * {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)} to react once the row is committed (detection waking up).
 */
public record SignalStored(long id, String source, Signal signal, String subject, Optional<String> customerId) {
}
