package dev.flows.server;

import dev.flows.api.event.EventFormat;
import dev.flows.api.flow.Destination;
import dev.flows.api.sink.Sink;
import dev.flows.api.sink.UpsertSink;
import dev.flows.api.system.SystemEvents;
import dev.flows.connectors.jdbc.DatabaseSink;
import dev.flows.connectors.webhook.WebhookSink;
import dev.flows.engine.runtime.SinkFactory;

/**
 * The sinks of the connectors module, as the engine asks for them: the one place that knows both. Each sink
 * reports its target going down and coming back as system events. Thread-safe.
 */
final class ConnectorSinks implements SinkFactory {

    private final EventFormat format;
    private final SystemEvents systemEvents;

    ConnectorSinks(EventFormat format, SystemEvents systemEvents) {
        this.format = format;
        this.systemEvents = systemEvents;
    }

    @Override
    public Sink webhook(Destination.ToWebhook destination) {
        return new WebhookSink(destination, format, systemEvents);
    }

    /** A sink named {@code flow/table} in the database's bookkeeping: the flow applies each event to it once. */
    @Override
    public UpsertSink database(String flow, Destination.ToDatabase destination) {
        return new DatabaseSink(flow + "/" + destination.table(), destination, systemEvents);
    }
}
