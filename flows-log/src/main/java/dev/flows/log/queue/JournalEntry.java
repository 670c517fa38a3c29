package dev.flows.log.queue;

/**
 * One change to a queue's state, as its journal records it and {@link QueueState#apply} replays it. A
 * compacted journal is the same entries: a {@link Header}, the {@link Counts}, each partition's {@link Next}
 * and the {@link Delivered} (and {@link Nacked}) entries of the records still pending.
 */
sealed interface JournalEntry {

    /** The first entry of every journal file. */
    record Header(int version, int partitions) implements JournalEntry {}

    /** The acked and dead-lettered totals since the queue was created (written by compaction). */
    record Counts(long acked, long deadLettered) implements JournalEntry {}

    /**
     * Every offset of the partition below {@code offset} was delivered at least once or holds no record
     * (written by compaction, and when compaction of the channel left offsets without records).
     */
    record Next(int partition, long offset) implements JournalEntry {}

    /** A delivery of a record: its count, and when it was first and last delivered (epoch milliseconds). */
    record Delivered(int partition, long offset, int deliveries, long firstDeliveryMs, long lastDeliveryMs)
            implements JournalEntry {}

    /** The record is done: a consumer acked it. */
    record Acked(int partition, long offset) implements JournalEntry {}

    /** The record's last delivery failed with {@code error}; it is ready again. */
    record Nacked(int partition, long offset, String error) implements JournalEntry {}

    /** The record is done: it was appended to the dead-letter channel. */
    record DeadLettered(int partition, long offset) implements JournalEntry {}

    /** The record is done without a verdict: retention deleted it from the channel before it was acked. */
    record Skipped(int partition, long offset) implements JournalEntry {}
}
