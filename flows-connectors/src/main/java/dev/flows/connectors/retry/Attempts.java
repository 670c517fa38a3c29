package dev.flows.connectors.retry;

import dev.flows.api.sink.DeliveryLog;
import dev.flows.api.system.SystemEvents;
import java.time.Clock;
import java.util.Objects;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * What every delivery attempt of a notification connector (webhook, email) records to, reports to and waits
 * with: the {@link DeliveryLog}, the system events, the sleeper between attempts, their jitter and the clock.
 * Immutable and thread-safe.
 */
public record Attempts(
        DeliveryLog deliveryLog, SystemEvents systemEvents, Sleeper sleeper, FullJitter jitter, Clock clock) {

    public Attempts {
        Objects.requireNonNull(deliveryLog, "deliveryLog");
        Objects.requireNonNull(systemEvents, "systemEvents");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(jitter, "jitter");
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * The settings of a connector's builder that make its {@link Attempts}, each with a default: nothing
     * recorded or reported, real sleeps, unseeded jitter, the system clock. Not thread-safe.
     *
     * @param <B> the connector's own builder, returned by every setter
     */
    public abstract static class Builder<B extends Builder<B>> {
        private DeliveryLog deliveryLog = DeliveryLog.NONE;
        private SystemEvents systemEvents = SystemEvents.NONE;
        private Sleeper sleeper = Sleeper.threadSleep();
        private RandomGenerator random = new Random();
        private Clock clock = Clock.systemUTC();

        /** This builder, as its own type. */
        protected abstract B self();

        /** Where every attempt is recorded; default nowhere. */
        public B deliveryLog(DeliveryLog value) {
            this.deliveryLog = Objects.requireNonNull(value, "deliveryLog");
            return self();
        }

        /** Where targets going down and up are reported; default nowhere. */
        public B systemEvents(SystemEvents value) {
            this.systemEvents = Objects.requireNonNull(value, "systemEvents");
            return self();
        }

        /** How waits between attempts are taken; tests record them instead. */
        public B sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return self();
        }

        /** The source of retry jitter; tests pass a seeded one. */
        public B random(RandomGenerator value) {
            this.random = Objects.requireNonNull(value, "random");
            return self();
        }

        /** The clock of delivery records and of the connector's own time stamps. */
        public B clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return self();
        }

        /** The attempts these settings describe. */
        public Attempts attempts() {
            return new Attempts(deliveryLog, systemEvents, sleeper, new FullJitter(random), clock);
        }
    }
}
