package dev.flows.api.sink;

import dev.flows.api.event.Event;

/**
 * Delivers events to an outside system (a webhook receiver, a mail server, a broker). At least once: a
 * sink retries as its policy says and then gives up, returning the outcome rather than throwing. Each
 * sink is used by one thread at a time unless its class says otherwise.
 */
public interface Sink extends AutoCloseable {

    /**
     * Delivers one event, retrying per the sink's policy. Blocks until delivered or given up.
     *
     * @return {@link Delivery.Delivered} or {@link Delivery.GaveUp} with the last failure
     * @throws InterruptedException if interrupted while waiting to retry; the event is then not delivered
     */
    Delivery deliver(Event event) throws InterruptedException;

    @Override
    default void close() {}
}
