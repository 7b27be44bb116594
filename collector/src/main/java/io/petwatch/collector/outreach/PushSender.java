package io.petwatch.collector.outreach;

/** A push-notification provider; the default records messages instead of sending them. */
public interface PushSender {
    /**
     * Hands the notification to the provider for the device token in {@code message.to()}.
     *
     * @return the provider's message name
     * @throws RefusedException when the provider refuses the token or the message for good
     * @throws RuntimeException     for anything worth retrying
     */
    String send(OutboundMessage message, String title);
}
