package dev.flows.log.queue;

import java.time.Instant;

/**
 * The state of one record that has been delivered and is not done yet: how often, when, and whether a
 * consumer holds it now. Not thread-safe: {@link DurableQueue} guards it with its lock.
 */
final class InFlight {

    int deliveries;
    long firstDeliveryMs;
    long lastDeliveryMs;

    /** When the current lease ends; null when nobody holds the record (nacked, or restored by a restart). */
    Instant leaseExpiry;

    /** The error of the last delivery's nack; null unless the last delivery was nacked. */
    String lastError;

    InFlight(int deliveries, long firstDeliveryMs, long lastDeliveryMs) {
        this.deliveries = deliveries;
        this.firstDeliveryMs = firstDeliveryMs;
        this.lastDeliveryMs = lastDeliveryMs;
    }

    /** Whether a consumer holds an unexpired lease at {@code now}. */
    boolean leasedAt(Instant now) {
        return leaseExpiry != null && now.isBefore(leaseExpiry);
    }

    /** Whether the current lease ran out at {@code now} without an ack or a nack. */
    boolean expiredAt(Instant now) {
        return leaseExpiry != null && !now.isBefore(leaseExpiry);
    }
}
