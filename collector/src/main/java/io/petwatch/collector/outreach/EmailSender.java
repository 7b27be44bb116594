package io.petwatch.collector.outreach;

/** An email provider; the default records messages instead of sending them. */
public interface EmailSender {
    /**
     * Hands the message to the mail server.
     *
     * @return the server's message id
     * @throws RefusedException when the server refuses the recipient for good
     * @throws RuntimeException     for anything worth retrying
     */
    String send(OutboundMessage message, String subject);
}
