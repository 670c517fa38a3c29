package dev.flows.server;

import dev.flows.api.flow.Destination;
import dev.flows.api.sink.Sink;
import dev.flows.api.sink.UpsertSink;
import dev.flows.api.system.SystemEvents;
import dev.flows.connectors.jdbc.DatabaseSink;
import dev.flows.engine.runtime.SinkFactory;

/**
 * The sinks of the connectors module, as the engine asks for them: the one place that knows both. Notifications
 * (webhooks, email) come from the server's connectors, databases get a sink each. Each sink reports its target going
 * down and coming back as system events. Thread-safe.
 */
final class ConnectorSinks implements SinkFactory {

    private final SinkFactory notifications;
    private final SystemEvents systemEvents;

    ConnectorSinks(SinkFactory notifications, SystemEvents systemEvents) {
        this.notifications = notifications;
        this.systemEvents = systemEvents;
    }

    @Override
    public Sink webhook(Destination.ToWebhook destination) {
        return notifications.webhook(destination);
    }

    @Override
    public Sink webhook(String flow, Destination.ToWebhook destination) {
        return notifications.webhook(flow, destination);
    }

    @Override
    public Sink email(String flow, Destination.ToEmail destination) {
        return notifications.email(flow, destination);
    }

    /** A sink named {@code flow/table} in the database's bookkeeping: the flow applies each event to it once. */
    @Override
    public UpsertSink database(String flow, Destination.ToDatabase destination) {
        return new DatabaseSink(flow + "/" + destination.table(), destination, systemEvents);
    }
}
