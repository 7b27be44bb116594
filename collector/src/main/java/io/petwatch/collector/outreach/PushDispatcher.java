package io.petwatch.collector.outreach;

import io.petwatch.collector.config.PetwatchConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/** The one way out to the push provider: bounded in time, retried briefly, never an exception to the caller. */
@ApplicationScoped
public class PushDispatcher {
    private static final Logger LOG = Logger.getLogger(PushDispatcher.class);

    private final PushSender sender;

    public PushDispatcher(PetwatchConfig config) {
        PetwatchConfig.Push push = config.push();
        this.sender = switch (push.provider()) {
            case "fcm" -> new FcmPushSender(URI.create(push.fcm().baseUrl()), push.fcm().projectId().orElse(""),
                    FcmPushSender.serviceAccountTokens(Path.of(push.fcm().serviceAccountFile().orElseThrow(() ->
                            new IllegalArgumentException("petwatch.push.fcm.service-account-file must be set when"
                                    + " petwatch.push.provider is fcm")))), Duration.ofSeconds(4));
            case "recording" -> new Recording();
            default -> throw new IllegalArgumentException("petwatch.push.provider must be recording or fcm, was '"
                    + push.provider() + "'");
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
    public SendReceipt dispatch(OutboundMessage message, String title) {
        return SendReceipt.sent(sender.send(message, title));
    }

    SendReceipt undelivered(OutboundMessage message, String title, Throwable cause) {
        return SendReceipt.undelivered(LOG, "Push", message, cause);
    }

    /** Logs instead of sending: the demo's and tests' default. */
    static final class Recording implements PushSender {
        private final AtomicLong sequence = new AtomicLong();

        @Override
        public String send(OutboundMessage message, String title) {
            String ref = "recorded-push-" + sequence.incrementAndGet();
            LOG.infof("Push %s to device %s…: %s (%d chars)", ref, message.to().substring(0,
                    Math.min(8, message.to().length())), title, message.body().length());
            return ref;
        }
    }
}
