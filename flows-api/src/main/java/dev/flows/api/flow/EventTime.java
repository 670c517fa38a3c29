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
 * @param processing    true for processing time instead: an event's time is when the flow reads it, and the
 *                      watermark is the clock, so windows close and absences are decided as the clock moves
 *                      even while no event comes (the other components are then unused)
 */
public record EventTime(Expression timestamp, Duration maxOutOfOrder, Duration idleTimeout, boolean processing) {

    /** Event time from the {@code time} attribute, 5 s out of order, partitions idle after 30 s. */
    public static final EventTime DEFAULT = new EventTime(null, Duration.ofSeconds(5), Duration.ofSeconds(30));

    /** Processing time: the clock, not the events, tells the time. */
    public static final EventTime PROCESSING = new EventTime(null, Duration.ZERO, Duration.ZERO, true);

    /** Event time (not processing time). */
    public EventTime(Expression timestamp, Duration maxOutOfOrder, Duration idleTimeout) {
        this(timestamp, maxOutOfOrder, idleTimeout, false);
    }

    public EventTime {
        Objects.requireNonNull(maxOutOfOrder, "maxOutOfOrder");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (maxOutOfOrder.isNegative() || idleTimeout.isNegative()) {
            throw new IllegalArgumentException("event-time durations must not be negative");
        }
    }
}
