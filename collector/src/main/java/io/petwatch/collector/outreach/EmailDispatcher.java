package io.petwatch.collector.outreach;

import io.petwatch.collector.config.PetwatchConfig;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/** The one way out to the mail server: bounded in time, retried briefly, never an exception to the caller. */
@ApplicationScoped
public class EmailDispatcher {
    private static final Logger LOG = Logger.getLogger(EmailDispatcher.class);

    private final EmailSender sender;

    public EmailDispatcher(PetwatchConfig config, Mailer mailer) {
        PetwatchConfig.Email email = config.email();
        this.sender = switch (email.provider()) {
            case "smtp" -> new MailerEmailSender(mailer);
            case "recording" -> new Recording();
            default -> throw new IllegalArgumentException("petwatch.email.provider must be recording or smtp, was '"
                    + email.provider() + "'");
        };
    }

    @Timeout(8000)
    @Retry(maxRetries = 2, delay = 500, jitter = 200,
            abortOn = {RefusedException.class, CredentialsRejectedException.class, CircuitBreakerOpenException.class})
    // This channel's own breaker: while its provider is failing, its sends fail at once and the other channels
    // keep going. A refusal of one message says nothing about the provider, so it does not count.
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 30_000, successThreshold = 1,
            skipOn = RefusedException.class)
    @Fallback(fallbackMethod = "undelivered")
    public SendReceipt dispatch(OutboundMessage message, String subject) {
        return SendReceipt.sent(sender.send(message, subject));
    }

    SendReceipt undelivered(OutboundMessage message, String subject, Throwable cause) {
        return SendReceipt.undelivered(LOG, "Email", message, cause);
    }

    /** Logs instead of sending: the demo's and tests' default. */
    static final class Recording implements EmailSender {
        private final AtomicLong sequence = new AtomicLong();

        @Override
        public String send(OutboundMessage message, String subject) {
            String ref = "recorded-email-" + sequence.incrementAndGet();
            LOG.infof("Email %s to %s: %s (%d chars)", ref, message.to(), subject, message.body().length());
            return ref;
        }
    }
}
