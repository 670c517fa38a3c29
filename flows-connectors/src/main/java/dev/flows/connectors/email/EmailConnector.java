package dev.flows.connectors.email;

import dev.flows.api.event.Event;
import dev.flows.api.flow.Destination;
import dev.flows.api.sink.DeliveryLog;
import dev.flows.api.sink.EmailMessage;
import dev.flows.api.system.SystemEvents;
import dev.flows.connectors.retry.Attempts;
import dev.flows.connectors.retry.FullJitter;
import dev.flows.connectors.retry.Sleeper;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;

/**
 * Makes email sinks, and holds what every one of them records and reports to: the {@link DeliveryLog}, the
 * system events, the clock of delivery records and {@code Date} headers, the jitter of retries and the
 * sleeper between them. Holds no connection: each sink opens one per attempt. Thread-safe.
 */
public final class EmailConnector implements AutoCloseable {

    private final Attempts attempts;

    private EmailConnector(Builder builder) {
        this.attempts = builder.attempts();
    }

    /** A builder with the defaults: nothing recorded or reported, real sleeps, the system clock. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A sink for one email destination of flow {@code flow}.
     *
     * @param render the destination's templates rendered for an event (compiled by the caller, as the
     *     connector does not know the engine); must not throw
     * @throws dev.flows.api.error.FlowDefinitionException if {@code from} is not an email address
     * @throws dev.flows.api.error.ConfigurationException if the destination's ca-file cannot be used
     */
    public EmailSink sink(String flow, Destination.ToEmail spec, Function<Event, EmailMessage> render) {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(render, "render");
        return new EmailSink(this, flow, spec, render);
    }

    /** Nothing to release: sinks hold no connection between attempts. */
    @Override
    public void close() {}

    DeliveryLog deliveryLog() {
        return attempts.deliveryLog();
    }

    SystemEvents systemEvents() {
        return attempts.systemEvents();
    }

    Sleeper sleeper() {
        return attempts.sleeper();
    }

    FullJitter backoff() {
        return attempts.jitter();
    }

    Clock clock() {
        return attempts.clock();
    }

    /** How to build a connector; each setting has a default (see {@link Attempts.Builder}). Not thread-safe. */
    public static final class Builder extends Attempts.Builder<Builder> {

        private Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        public EmailConnector build() {
            return new EmailConnector(this);
        }
    }
}
