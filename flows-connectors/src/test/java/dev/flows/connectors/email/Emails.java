package dev.flows.connectors.email;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;

import dev.flows.api.event.Event;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.RetryPolicy;
import dev.flows.api.flow.SmtpServer;
import dev.flows.api.flow.SmtpTls;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.flow.TemplateSource;
import dev.flows.api.sink.EmailMessage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Destinations, events and a renderer for the connector's tests, which need no engine. */
final class Emails {

    static final String FROM = "Shop <shop@example.com>";

    private Emails() {}

    static SmtpServer plain(int port) {
        return SmtpServer.of(Mailer.HOST, port, SmtpTls.NONE).withTimeouts(ofSeconds(2), ofSeconds(2));
    }

    static Destination.ToEmail spec(SmtpServer smtp, int attempts) {
        return new Destination.ToEmail(
                Optional.empty(),
                smtp,
                FROM,
                List.of(TemplateSource.of("{{data.email}}")),
                List.of(),
                List.of(),
                TemplateSource.of("{{data.subject}}"),
                Optional.of(TemplateSource.of("{{data.text}}")),
                Optional.empty(),
                new RetryPolicy(attempts, ofMillis(100), ofSeconds(1)),
                "orders.dead",
                SourceLocation.JAVA);
    }

    static Event order(String id, String email, String subject) {
        return Event.of(id, "/shop", "shop.order.placed", Map.of("email", email, "subject", subject, "text", "Hi"));
    }

    /** What the engine would render from the spec's templates: to, subject and text from the event's data. */
    static final Function<Event, EmailMessage> TEXT = event -> {
        Map<?, ?> data = (Map<?, ?>) event.data();
        return new EmailMessage(
                List.of(String.valueOf(data.get("email"))),
                List.of(),
                List.of(),
                String.valueOf(data.get("subject")),
                Optional.of(String.valueOf(data.get("text"))),
                Optional.empty());
    };
}
