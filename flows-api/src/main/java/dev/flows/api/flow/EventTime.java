package dev.flows.api.flow;

import java.time.Duration;
import java.util.Objects;

/**
 * How a flow reads event time and builds its watermark. The watermark of an input partition is the
 * largest event time seen there minus {@code maxOutOfOrder}; the flow's watermark is the minimum over its
 * input partitions, leaving out partitions idle for longer than {@code idleTimeout} so that they do not stall
 * it. An event whose time is below the watermark is late.
 *
 * @param timestamp     a CEL expression giving the event time (a timestamp, or epoch milliseconds as an int),
 *                      or null for the event's {@code time} attribute
 * @param maxOutOfOrder how far behind the latest event time an event may arrive and still be on time
 * @param idleTimeout   how long (processing time) a partition may stay silent before the watermark stops
 *                      waiting for it; {@link Duration#ZERO} never leaves a partition out
 */
public record EventTime(Expression timestamp, Duration maxOutOfOrder, Duration idleTimeout) {

    /** Event time from the {@code time} attribute, 5 s out of order, partitions idle after 30 s. */
    public static final EventTime DEFAULT = new EventTime(null, Duration.ofSeconds(5), Duration.ofSeconds(30));

    public EventTime {
        Objects.requireNonNull(maxOutOfOrder, "maxOutOfOrder");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (maxOutOfOrder.isNegative() || idleTimeout.isNegative()) {
            throw new IllegalArgumentException("event-time durations must not be negative");
        }
    }
}
