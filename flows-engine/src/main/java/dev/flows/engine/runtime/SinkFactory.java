package dev.flows.engine.runtime;

import dev.flows.api.error.ConfigurationException;
import dev.flows.api.flow.Destination;
import dev.flows.api.sink.Sink;
import dev.flows.api.sink.UpsertSink;

/**
 * Makes the sinks for destinations that leave Flows. The server passes one built from the connectors, so
 * that the engine never depends on a connector's classes.
 */
@FunctionalInterface
public interface SinkFactory {

    /** A sink that POSTs events as the destination says. Called once per destination at flow start. */
    Sink webhook(Destination.ToWebhook destination);

    /**
     * A sink that POSTs events as the destination says, for flow {@code flow}, which it names in the delivery
     * attempts it records. Called once per destination at flow start; the default ignores the flow.
     */
    default Sink webhook(String flow, Destination.ToWebhook destination) {
        return webhook(destination);
    }

    /**
     * A sink that upserts rows into the destination's database table. Called once per destination at flow
     * start; the sink may check the table then, and refuse a table or column that does not exist.
     *
     * @param flow the flow's name: with the table, it names the destination in the database's bookkeeping
     * @throws ConfigurationException by default, as a factory without a database connector cannot make one
     */
    default UpsertSink database(String flow, Destination.ToDatabase destination) {
        throw new ConfigurationException(destination.location() + ": flow '" + flow + "' writes to "
                + destination.kind().displayName() + " table '" + destination.table()
                + "', but no database connector is available here; run the flow with 'flows run'");
    }

    /**
     * A sink that sends an email per event as the destination says (its templates rendered by {@link
     * dev.flows.engine.template.EmailTemplates}), for flow {@code flow}. Called once per destination at flow
     * start.
     *
     * @throws ConfigurationException by default: a factory without an email connector cannot run the flow
     */
    default Sink email(String flow, Destination.ToEmail destination) {
        throw new ConfigurationException("flow '" + flow + "' sends email at " + destination.location()
                + ", but this runtime was started without an email connector; run it with flows run, or give"
                + " the runtime a SinkFactory that makes email sinks");
    }

    /** The sink of any notification destination, for flow {@code flow}: a webhook's or an email's. */
    default Sink notification(String flow, Destination.Notification destination) {
        return switch (destination) {
            case Destination.ToWebhook webhook -> webhook(flow, webhook);
            case Destination.ToEmail email -> email(flow, email);
        };
    }
}
