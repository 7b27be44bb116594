package io.petwatch.collector.outreach;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/** The one way out to the SMS provider: bounded in time, retried briefly, and never an exception to the caller. */
@ApplicationScoped
public class SmsDispatcher {
    private static final Logger LOG = Logger.getLogger(SmsDispatcher.class);

    private final SmsSender sender;

    public SmsDispatcher(SmsSender sender) {
        this.sender = sender;
    }

    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 500, jitter = 200,
            abortOn = {RefusedException.class, CredentialsRejectedException.class, CircuitBreakerOpenException.class})
    // This channel's own breaker: while its provider is failing, its sends fail at once and the other channels
    // keep going. A refusal of one message says nothing about the provider, so it does not count.
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 30_000, successThreshold = 1,
            skipOn = RefusedException.class)
    @Fallback(fallbackMethod = "undelivered")
    public SendReceipt dispatch(OutboundMessage message) {
        return SendReceipt.sent(sender.send(message));
    }

    SendReceipt undelivered(OutboundMessage message, Throwable cause) {
        return SendReceipt.undelivered(LOG, "SMS", message, cause);
    }
}
