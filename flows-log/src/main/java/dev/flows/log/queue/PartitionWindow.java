package dev.flows.log.queue;

import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A queue's view of one partition: the records from the start offset to {@code next}, the in-flight window.
 * Every offset below {@code next} has been delivered at least once; of those, exactly the ones in
 * {@code pending} are not done (acked, dead-lettered or skipped). So the start offset, below which every
 * record is done, is the first pending offset, or {@code next} when none is pending. Not thread-safe:
 * {@link DurableQueue} guards it with its lock.
 */
final class PartitionWindow {

    private final NavigableMap<Long, InFlight> pending = new TreeMap<>();
    private long next;

    /** Every offset below this is done. */
    long start() {
        return pending.isEmpty() ? next : pending.firstKey();
    }

    /** The first offset never delivered. */
    long next() {
        return next;
    }

    /** The records delivered and not done, by offset. */
    NavigableMap<Long, InFlight> pending() {
        return pending;
    }

    /** Records a delivery; creates the record's state on its first. */
    InFlight delivered(long offset, int deliveries, long firstDeliveryMs, long lastDeliveryMs) {
        InFlight record =
                pending.computeIfAbsent(offset, o -> new InFlight(deliveries, firstDeliveryMs, lastDeliveryMs));
        record.deliveries = deliveries;
        record.firstDeliveryMs = firstDeliveryMs;
        record.lastDeliveryMs = lastDeliveryMs;
        record.leaseExpiry = null;
        record.lastError = null;
        next = Math.max(next, offset + 1);
        return record;
    }

    /** Marks a record done; returns its state, or null if it was not pending. */
    InFlight done(long offset) {
        return pending.remove(offset);
    }

    /** Raises {@code next} to {@code offset}. */
    void advanceTo(long offset) {
        next = Math.max(next, offset);
    }
}
