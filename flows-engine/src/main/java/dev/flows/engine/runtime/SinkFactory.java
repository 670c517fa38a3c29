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
}
