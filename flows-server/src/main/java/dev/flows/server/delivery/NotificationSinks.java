package dev.flows.server.delivery;

import dev.flows.api.flow.Destination;
import dev.flows.api.sink.Sink;
import dev.flows.engine.runtime.SinkFactory;
import java.util.Objects;

/**
 * The sink factory of a server: webhook destinations from {@link WebhookSinks}, email destinations from
 * {@link EmailSinks}, so that the runtime and a redrive make the same sinks for the same destination.
 * Thread-safe.
 */
public final class NotificationSinks implements SinkFactory {

    private final WebhookSinks webhooks;
    private final EmailSinks emails;

    public NotificationSinks(WebhookSinks webhooks, EmailSinks emails) {
        this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
        this.emails = Objects.requireNonNull(emails, "emails");
    }

    @Override
    public Sink webhook(Destination.ToWebhook destination) {
        return webhooks.webhook(destination);
    }

    @Override
    public Sink webhook(String flow, Destination.ToWebhook destination) {
        return webhooks.webhook(flow, destination);
    }

    @Override
    public Sink email(String flow, Destination.ToEmail destination) {
        return emails.email(flow, destination);
    }
}
