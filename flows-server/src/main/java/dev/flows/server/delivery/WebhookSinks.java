package dev.flows.server.delivery;

import dev.flows.api.event.EventFormat;
import dev.flows.api.flow.Destination;
import dev.flows.api.sink.Sink;
import dev.flows.connectors.webhook.WebhookBody;
import dev.flows.connectors.webhook.WebhookConnector;
import dev.flows.engine.runtime.SinkFactory;
import dev.flows.engine.template.Template;
import dev.flows.engine.template.TemplateKind;
import java.util.Objects;

/**
 * The sinks the runtime (and a redrive) gets for webhook destinations: each from the one
 * {@link WebhookConnector}, its body the event in the channel format or the destination's template, compiled
 * here once per sink (the connector does not know the engine). Thread-safe.
 */
public final class WebhookSinks implements SinkFactory {

    private final WebhookConnector connector;
    private final EventFormat format;

    public WebhookSinks(WebhookConnector connector, EventFormat format) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.format = Objects.requireNonNull(format, "format");
    }

    /** A sink whose records name no flow; the runtime calls {@link #webhook(String, Destination.ToWebhook)}. */
    @Override
    public Sink webhook(Destination.ToWebhook destination) {
        return webhook("", destination);
    }

    /**
     * @throws dev.flows.api.error.FlowDefinitionException if the template, URL, a header or the secret is wrong
     *     (flow files are checked at load, so only a destination built in Java can get here with one)
     */
    @Override
    public Sink webhook(String flow, Destination.ToWebhook destination) {
        return connector.sink(flow, destination, body(destination));
    }

    private WebhookBody body(Destination.ToWebhook destination) {
        if (destination.body().isEmpty()) {
            return WebhookBody.of(format);
        }
        String contentType = destination.contentType();
        Template template =
                Template.compile(destination.body().get(), TemplateKind.forContentType(contentType), "webhook body");
        return WebhookBody.of(contentType, template::renderUtf8);
    }
}
