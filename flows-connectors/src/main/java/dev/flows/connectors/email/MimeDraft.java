package dev.flows.connectors.email;

import dev.flows.api.event.Event;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Instant;
import java.util.Date;

/**
 * Builds the MIME message of a checked email: From, To, Cc (Bcc goes in the envelope only, as Jakarta Mail
 * leaves it out of the headers it writes), a UTF-8 subject, the stable {@code Message-ID}, {@code
 * X-Flows-Event-Id}, and the body: text, HTML, or both as {@code multipart/alternative} (text first, as
 * RFC 2046 orders the plainest first). Stateless.
 */
final class MimeDraft {

    private static final String UTF_8 = "UTF-8";

    private MimeDraft() {}

    static MimeMessage of(
            Session session, InternetAddress from, CheckedEmail email, Event event, String messageId, Instant now)
            throws MessagingException {
        MimeMessage message = new StableIdMessage(session, messageId);
        message.setFrom(from);
        message.setRecipients(Message.RecipientType.TO, email.to().toArray(InternetAddress[]::new));
        message.setRecipients(Message.RecipientType.CC, email.cc().toArray(InternetAddress[]::new));
        message.setRecipients(Message.RecipientType.BCC, email.bcc().toArray(InternetAddress[]::new));
        message.setSubject(email.subject(), UTF_8);
        message.setSentDate(Date.from(now));
        message.setHeader(MessageIds.EVENT_ID_HEADER, MessageIds.eventIdHeader(event.id()));
        if (email.text().isPresent() && email.html().isPresent()) {
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(part(email.text().get(), "plain"));
            alternative.addBodyPart(part(email.html().get(), "html"));
            message.setContent(alternative);
        } else if (email.text().isPresent()) {
            message.setText(email.text().get(), UTF_8, "plain");
        } else {
            message.setText(email.html().orElse(""), UTF_8, "html");
        }
        message.saveChanges();
        return message;
    }

    private static MimeBodyPart part(String content, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(content, UTF_8, subtype);
        return part;
    }
}
