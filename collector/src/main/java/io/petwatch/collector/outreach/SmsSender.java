package io.petwatch.collector.outreach;

/** An SMS provider. The default records messages instead of sending them; a real provider adapter replaces it. */
public interface SmsSender {
    /**
     * Hands the message to the provider.
     *
     * @return the provider's reference for the message
     * @throws RuntimeException when the provider did not take the message
     */
    String send(OutboundMessage message);
}
