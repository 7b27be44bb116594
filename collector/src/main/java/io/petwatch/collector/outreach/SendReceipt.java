package io.petwatch.collector.outreach;

import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What the SMS, email or push provider said: sent with its reference, or failed with a reason; {@code permanent}
 * when the provider refused the message for good (retrying cannot help); {@code credentialFault} when it rejected
 * our credentials (the channel is down, the message is fine).
 */
public record SendReceipt(boolean sent, Optional<String> providerRef, Optional<String> error, boolean permanent,
                          boolean credentialFault) {
    public static SendReceipt sent(String providerRef) {
        return new SendReceipt(true, Optional.of(providerRef), Optional.empty(), false, false);
    }

    public static SendReceipt failed(String error) {
        return new SendReceipt(false, Optional.empty(), Optional.of(error), false, false);
    }

    public static SendReceipt rejected(String error) {
        return new SendReceipt(false, Optional.empty(), Optional.of(error), true, false);
    }

    public static SendReceipt credentialsRejected(String error) {
        return new SendReceipt(false, Optional.empty(), Optional.of(error), false, true);
    }

    /**
     * What a dispatcher's fallback answers for a send that threw, on any channel: a {@link RefusedException} is a
     * refusal for good; anything else a failure that leaves the message queued for a retry. Both are logged.
     */
    static SendReceipt undelivered(Logger log, String channel, OutboundMessage message, Throwable cause) {
        if (cause instanceof CredentialsRejectedException) {
            log.errorf("%s %d not sent, the provider rejected our credentials: %s", channel, message.messageId(),
                    cause.getMessage());
            return credentialsRejected(cause.getMessage());
        }
        if (cause instanceof RefusedException) {
            log.warnf("%s %d refused for good: %s", channel, message.messageId(), cause.getMessage());
            return rejected(cause.getMessage());
        }
        log.warnf("%s %d could not be sent (it stays queued): %s", channel, message.messageId(), cause.toString());
        return failed(cause.toString());
    }
}
