package dev.flows.testkit;

import dev.flows.api.event.Event;
import dev.flows.api.flow.Destination;
import dev.flows.api.sink.Delivery;
import dev.flows.api.sink.Sink;
import java.util.List;

/**
 * The sink a {@link FlowTestDriver} gives each webhook destination: records every call, accepted or not, in
 * the driver's shared list and lets the test's {@link WebhookReceiver} answer it. Never opens a connection.
 */
final class RecordingWebhookSink implements Sink {

    private final Destination.ToWebhook destination;
    private final WebhookReceiver receiver;
    private final List<WebhookCall> calls;

    RecordingWebhookSink(Destination.ToWebhook destination, WebhookReceiver receiver, List<WebhookCall> calls) {
        this.destination = destination;
        this.receiver = receiver;
        this.calls = calls;
    }

    @Override
    public Delivery deliver(Event event) {
        WebhookCall call = new WebhookCall(destination.url(), destination.headers(), event);
        calls.add(call);
        return receiver.receive(call);
    }
}
