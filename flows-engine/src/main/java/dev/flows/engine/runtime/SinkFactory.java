package dev.flows.engine.runtime;

import dev.flows.api.flow.Destination;
import dev.flows.api.sink.Sink;

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
}
