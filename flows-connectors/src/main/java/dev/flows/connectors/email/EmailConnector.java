package dev.flows.connectors.email;

import dev.flows.api.event.Event;
import dev.flows.api.flow.Destination;
import dev.flows.api.sink.DeliveryLog;
import dev.flows.api.sink.EmailMessage;
import dev.flows.api.system.SystemEvents;
import dev.flows.connectors.retry.FullJitter;
import dev.flows.connectors.retry.Sleeper;
import java.time.Clock;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Makes email sinks, and holds what every one of them records and reports to: the {@link DeliveryLog}, the
 * system events, the clock of delivery records and {@code Date} headers, the jitter of retries and the
 * sleeper between them. Holds no connection: each sink opens one per attempt. Thread-safe.
 */
public final class EmailConnector implements AutoCloseable {

    private final DeliveryLog deliveryLog;
    private final SystemEvents systemEvents;
    private final Sleeper sleeper;
    private final FullJitter backoff;
    private final Clock clock;

    private EmailConnector(Builder builder) {
        this.deliveryLog = builder.deliveryLog;
        this.systemEvents = builder.systemEvents;
        this.sleeper = builder.sleeper;
        this.backoff = new FullJitter(builder.random);
        this.clock = builder.clock;
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
        return deliveryLog;
    }

    SystemEvents systemEvents() {
        return systemEvents;
    }

    Sleeper sleeper() {
        return sleeper;
    }

    FullJitter backoff() {
        return backoff;
    }

    Clock clock() {
        return clock;
    }

    /** How to build a connector; each setting has a default. Not thread-safe. */
    public static final class Builder {
        private DeliveryLog deliveryLog = DeliveryLog.NONE;
        private SystemEvents systemEvents = SystemEvents.NONE;
        private Sleeper sleeper = Sleeper.threadSleep();
        private RandomGenerator random = new Random();
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** Where every attempt is recorded; default nowhere. */
        public Builder deliveryLog(DeliveryLog value) {
            this.deliveryLog = Objects.requireNonNull(value, "deliveryLog");
            return this;
        }

        /** Where servers going down and up are reported; default nowhere. */
        public Builder systemEvents(SystemEvents value) {
            this.systemEvents = Objects.requireNonNull(value, "systemEvents");
            return this;
        }

        /** How waits between attempts are taken; tests record them instead. */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /** The source of retry jitter; tests pass a seeded one. */
        public Builder random(RandomGenerator value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        /** The clock of delivery records and of the {@code Date} header. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public EmailConnector build() {
            return new EmailConnector(this);
        }
    }
}
