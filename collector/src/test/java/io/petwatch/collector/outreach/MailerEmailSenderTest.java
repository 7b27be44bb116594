package io.petwatch.collector.outreach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.vertx.ext.mail.SMTPException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** How the Mailer's failures become the dispatcher's two kinds: refused for good, or worth retrying. */
class MailerEmailSenderTest {
    private static final OutboundMessage MESSAGE = new OutboundMessage(42, Optional.of(7L), "cus-1", "nell@example.com",
            "triage", "Bramble has been much less active than usual.");

    private static MailerEmailSender failingWith(RuntimeException failure) {
        return new MailerEmailSender(mails -> {
            throw failure;
        });
    }

    @Test
    void sendsThePlainTextBodyToTheOwnerWithTheOutboxIdInAHeader() {
        List<Mail> sent = new ArrayList<>();
        Mailer mailer = mails -> sent.addAll(List.of(mails));

        String ref = new MailerEmailSender(mailer).send(MESSAGE, "A note from PetWatch");

        assertEquals(1, sent.size());
        Mail mail = sent.get(0);
        assertEquals(List.of("nell@example.com"), mail.getTo());
        assertEquals("A note from PetWatch", mail.getSubject());
        assertEquals(MESSAGE.body(), mail.getText());
        assertEquals(List.of("42"), mail.getHeaders().get(MailerEmailSender.MESSAGE_HEADER));
        assertEquals("email-42", ref);
    }

    /** The mail server's reply as the Mailer throws it: Mutiny's await wraps the Vert.x failure. */
    private static CompletionException smtpReply(int code, String text) {
        return new CompletionException(new SMTPException(code + " " + text, code, List.of(text), false));
    }

    @Test
    void aPermanentSmtpReplyIsARefusalForGood() {
        RefusedException refused = assertThrows(RefusedException.class,
                () -> failingWith(smtpReply(550, "5.1.1 no such user")).send(MESSAGE, "subject"));
        assertTrue(refused.getMessage().contains("nell@example.com"), refused.getMessage());
        assertTrue(refused.getMessage().contains("550"), refused.getMessage());
    }

    @Test
    void aTransientSmtpReplyIsWorthRetrying() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> failingWith(smtpReply(451, "4.7.1 try again later")).send(MESSAGE, "subject"));
        assertTrue(failure.getMessage().contains("451"), failure.getMessage());
    }

    @Test
    void anUnreachableMailServerIsWorthRetrying() {
        CompletionException down = new CompletionException(new ConnectException("Connection refused"));

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> failingWith(down).send(MESSAGE, "subject"));
        assertTrue(failure.getMessage().contains("Connection refused"), failure.getMessage());
    }
}
