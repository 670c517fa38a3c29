package dev.flows.testkit;

import dev.flows.api.event.Event;
import dev.flows.api.sink.EmailMessage;
import java.util.Objects;

/**
 * One email a flow sent to an email destination under {@link FlowTestDriver}, which never connects to a mail
 * server: the destination's templates rendered for the event, before the connector's checks.
 *
 * @param destination the destination's delivery name, such as {@code order-mails}
 * @param event       the event the mail was rendered from
 * @param message     recipients, subject and bodies as rendered
 */
public record SentEmail(String destination, Event event, EmailMessage message) {

    public SentEmail {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(message, "message");
    }
}
