package dev.flows.connectors.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A MIME message whose {@code Message-ID} is given rather than made up: Jakarta Mail sets a new random one in
 * {@link #saveChanges()}, which would make every retry a different mail to the receiver. Not thread-safe, like
 * any {@link MimeMessage}.
 */
final class StableIdMessage extends MimeMessage {

    private final String messageId;

    StableIdMessage(Session session, String messageId) {
        super(session);
        this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
    }
}
