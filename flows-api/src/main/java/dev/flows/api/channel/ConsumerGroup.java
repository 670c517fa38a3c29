package dev.flows.api.channel;

import java.util.Map;
import java.util.OptionalLong;

/**
 * A named consumer group over one channel: the offsets it committed, per partition, durable. A group that
 * restarts reads {@link #committed} and resumes there. Like a Kafka consumer group's committed offsets,
 * without membership: which process reads which partition is the caller's business. Thread-safe.
 */
public interface ConsumerGroup {

    /** The group's name. */
    String name();

    /** The next offset to read in the partition, if the group ever committed one. */
    OptionalLong committed(int partition);

    /** Every committed offset, by partition. */
    Map<Integer, Long> committed();

    /**
     * Commits the next offset to read in a partition; durable when this returns. Offsets may move backwards
     * (a deliberate replay).
     *
     * @throws IllegalArgumentException if the partition does not exist or the offset is negative
     * @throws dev.flows.api.error.StorageException if the disk failed
     */
    void commit(int partition, long nextOffset);
}
