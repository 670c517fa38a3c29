package dev.flows.testkit;

import dev.flows.api.event.Event;
import dev.flows.api.flow.Destination;
import dev.flows.api.sink.Delivery;
import dev.flows.api.sink.Sink;
import dev.flows.engine.runtime.SinkFactory;
import dev.flows.engine.template.EmailTemplates;
import java.util.List;

/**
 * The sinks a {@link FlowTestDriver} gives notification destinations: webhooks answered by the test's
 * {@link WebhookReceiver}, emails rendered from their templates and recorded as sent. Nothing leaves the test.
 */
final class RecordingSinks implements SinkFactory {

    private final WebhookReceiver receiver;
    private final List<WebhookCall> calls;
    private final List<SentEmail> emails;

    RecordingSinks(WebhookReceiver receiver, List<WebhookCall> calls, List<SentEmail> emails) {
        this.receiver = receiver;
        this.calls = calls;
        this.emails = emails;
    }

    @Override
    public Sink webhook(Destination.ToWebhook destination) {
        return new RecordingWebhookSink(destination, receiver, calls);
    }

    @Override
    public Sink email(String flow, Destination.ToEmail destination) {
        EmailTemplates templates = EmailTemplates.compile(destination);
        return new Sink() {
            @Override
            public Delivery deliver(Event event) {
                emails.add(new SentEmail(destination.deliveryName(), event, templates.render(event)));
                return new Delivery.Delivered(1);
            }
        };
    }
}
