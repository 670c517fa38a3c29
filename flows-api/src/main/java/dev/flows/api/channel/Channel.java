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
     * Appends records of one producer idempotently: a record its partition already holds is dropped, so a
     * producer that regenerates its output after a crash (the same records with the same sequence numbers)
     * leaves no duplicates. Kafka's idempotent producer, for exactly-once flows.
     *
     * <p>Rule: per partition and producer, sequence numbers strictly increase. A record whose sequence is at
     * most the last one the partition stored for {@code producerId} is a duplicate: it is not written, and its
     * position says {@link Position#duplicate()}. Unlike Kafka, which requires consecutive sequence numbers
     * and refuses a gap, a sequence may jump forward: a producer may number its records by the offsets of the
     * input it made them from. Within one call, the records bound for one partition must have strictly
     * increasing sequence numbers, so its duplicates, if any, come first. A record without a key goes to the
     * partition the producer id's hash picks, so a regenerated record lands where its original did.
     *
     * <p>One writer per producer id at a time: there is no epoch that fences a stale one. The backend
     * remembers a bounded number of producers per partition (see its documentation) across restarts; a
     * producer it forgot is deduplicated from its next record on. Partitions are independent: a call that
     * fails may have written some partitions' records, and retrying it writes only the others.
     *
     * <p>Like {@link #append(List)}: positions are in the order of {@code records}, the call returns once the
     * written records are durable and blocks meanwhile; a duplicate is reported once its original is durable.
     * Thread-safe; two calls of one producer are applied one after the other, per partition.
     *
     * @param producerId who regenerates these records, stable across restarts, such as
     *     {@code flow:keyed-count:3}; not empty; a backend may limit its length
     * @param records    the records with their sequence numbers; may be empty
     * @throws NullPointerException     if an argument or record is null
     * @throws IllegalArgumentException if {@code producerId} is empty or too long for the backend, or the
     *     sequence numbers of one partition's records do not strictly increase; nothing is appended
     * @throws UnsupportedOperationException if the backend has no idempotent appends
     * @throws dev.flows.api.error.StorageException if the disk failed; then none of the records is
     *     acknowledged, though some may be read later (and are duplicates when appended again)
     */
    List<Position> append(String producerId, List<SequencedAppend> records);

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
