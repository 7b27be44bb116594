package io.petwatch.collector.outreach;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
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
    @Retry(maxRetries = 2, delay = 500, jitter = 200, abortOn = RefusedException.class)
    @Fallback(fallbackMethod = "undelivered")
    public SendReceipt dispatch(OutboundMessage message) {
        return SendReceipt.sent(sender.send(message));
    }

    SendReceipt undelivered(OutboundMessage message, Throwable cause) {
        return SendReceipt.undelivered(LOG, "SMS", message, cause);
    }
}
