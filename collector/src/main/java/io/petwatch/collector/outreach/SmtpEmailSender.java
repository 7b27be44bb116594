package io.petwatch.collector.outreach;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/** Sends plain-text email over SMTP with Jakarta Mail (Eclipse Angus). A refused recipient is a refusal for good. */
public final class SmtpEmailSender implements EmailSender {
    private final Session session;
    private final InternetAddress from;

    public SmtpEmailSender(String host, int port, String from, int timeoutMs) {
        Properties props = new Properties();
        props.put("mail.smtp.host", host);
        props.put("mail.smtp.port", Integer.toString(port));
        props.put("mail.smtp.connectiontimeout", Integer.toString(timeoutMs));
        props.put("mail.smtp.timeout", Integer.toString(timeoutMs));
        this.session = Session.getInstance(props);
        try {
            this.from = new InternetAddress(from, true);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("petwatch.email.from is not an email address: '" + from + "'", e);
        }
    }

    @Override
    public String send(SmsMessage message, String subject) {
        try {
            MimeMessage mail = new MimeMessage(session);
            mail.setFrom(from);
            mail.setRecipient(Message.RecipientType.TO, new InternetAddress(message.to(), true));
            mail.setSubject(subject, "UTF-8");
            mail.setText(message.body(), "UTF-8");
            mail.setHeader("X-PetWatch-Message", Long.toString(message.messageId()));
            Transport.send(mail);
            return mail.getMessageID();
        } catch (SendFailedException e) {
            throw new SmsRejectedException("the mail server refused " + message.to() + ": " + e.getMessage());
        } catch (jakarta.mail.internet.AddressException e) {
            throw new SmsRejectedException("'" + message.to() + "' is not an email address");
        } catch (MessagingException e) {
            throw new IllegalStateException("SMTP failed: " + e.getMessage(), e);
        }
    }
}
