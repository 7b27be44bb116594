package io.petwatch.collector.outreach;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.vertx.ext.mail.SMTPException;
import java.util.Optional;

/**
 * Sends plain-text email through the Quarkus Mailer (host, port, sender and TLS from {@code quarkus.mailer.*}). A
 * permanent SMTP reply (5xx, such as an unknown mailbox) is a refusal for good; anything else is worth retrying.
 */
public final class MailerEmailSender implements EmailSender {
    static final String MESSAGE_HEADER = "X-PetWatch-Message";

    private final Mailer mailer;

    public MailerEmailSender(Mailer mailer) {
        this.mailer = mailer;
    }

    // 530 authentication required, 534 mechanism too weak, 535 credentials invalid (RFC 4954).
    private static final java.util.Set<Integer> CREDENTIAL_FAULTS = java.util.Set.of(530, 534, 535);

    @Override
    public String send(OutboundMessage message, String subject) {
        try {
            mailer.send(Mail.withText(message.to(), subject, message.body())
                    .addHeader(MESSAGE_HEADER, Long.toString(message.messageId())));
        } catch (RuntimeException e) {
            Optional<SMTPException> reply = smtpReply(e);
            if (reply.isPresent() && CREDENTIAL_FAULTS.contains(reply.get().getReplyCode())) {
                throw new CredentialsRejectedException("the mail server rejected our login: "
                        + reply.get().getReplyCode() + " " + reply.get().getReplyMessage()
                        + ": check quarkus.mailer.username and quarkus.mailer.password");
            }
            if (reply.isPresent() && reply.get().isPermanent()) {
                throw new RefusedException("the mail server refused " + message.to() + ": "
                        + reply.get().getReplyCode() + " " + reply.get().getReplyMessage());
            }
            throw new IllegalStateException("SMTP failed: " + reply.map(Throwable::getMessage).orElse(e.toString()), e);
        }
        // The Mailer does not hand back the server's queue id, so the receipt names our own message.
        return "email-" + message.messageId();
    }

    /** The mail server's reply behind a failure, wherever the Mailer wrapped it. */
    static Optional<SMTPException> smtpReply(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SMTPException smtp) {
                return Optional.of(smtp);
            }
        }
        return Optional.empty();
    }
}
