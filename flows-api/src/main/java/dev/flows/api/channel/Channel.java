package dev.flows.api.channel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A durable, partitioned, append-only channel (a topic). Readers see only what is durable: in
 * {@code fsync} mode, records that are on disk. Implementations are thread-safe; any number of threads may
 * append and read at once.
 */
public interface Channel {

    /** The channel's name. */
    String name();

    /** The number of partitions, at least 1, fixed for the channel's life. */
    int partitions();

    /**
     * Appends records, each to the partition its key maps to, and returns once all are durable (per the
     * backend's durability mode). Positions are in the order of {@code records}. Blocks the calling thread;
     * concurrent callers share one disk flush (group commit).
     *
     * @throws dev.flows.api.error.StorageException if the disk failed; then none of the records is
     *     acknowledged, though some may be read later
     */
    List<Position> append(List<Append> records);

    /**
     * Reads up to {@code maxRecords} records of one partition from {@code fromOffset} on. Returns an empty
     * list at the end. Never blocks on new data; see {@link #awaitRecords}.
     *
     * @throws IllegalArgumentException if the partition does not exist
     */
    List<ChannelRecord> read(int partition, long fromOffset, int maxRecords);

    /** The first offset still held in the partition (0 until retention deletes anything). */
    long startOffset(int partition);

    /** The offset the next durable record of the partition will get: the number of records ever written. */
    long endOffset(int partition);

    /**
     * Waits until the partition holds a durable record at {@code offset} or beyond, or the timeout passes.
     *
     * @return true if such a record exists
     * @throws InterruptedException if the waiting thread is interrupted
     */
    boolean awaitRecords(int partition, long offset, Duration timeout) throws InterruptedException;

    /** Bytes the channel takes on disk, over all partitions. */
    long sizeBytes();

    /**
     * The first offset of the partition whose record timestamp is at or after {@code time}, for replay from
     * a time; {@link #endOffset} when every record is older. Kafka's {@code offsetsForTimes}.
     */
    long offsetForTime(int partition, Instant time);

    /** The channel's settings. */
    ChannelPolicy policy();

    /**
     * The consumer group of that name over this channel, created on first use. Each group has its own
     * committed offsets; groups are independent. Same object for the same name.
     *
     * @throws IllegalArgumentException if the name is not lower-case letters, digits, '.', '-', '_'
     */
    ConsumerGroup group(String name);

    /**
     * The queue of that name over this channel (competing consumers, acks, redelivery, dead letters), created
     * on first use. Same object for the same name.
     *
     * @throws IllegalArgumentException if the name is not lower-case letters, digits, '.', '-', '_'
     */
    ChannelQueue queue(String name);
}
