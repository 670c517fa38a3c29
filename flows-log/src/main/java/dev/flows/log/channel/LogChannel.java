package dev.flows.log.channel;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelPolicy;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.Position;
import dev.flows.api.channel.SequencedAppend;
import dev.flows.api.error.ConfigurationException;
import dev.flows.api.error.StorageException;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.log.cleanup.Compaction;
import dev.flows.log.cleanup.Retention;
import dev.flows.log.commit.CommitStrategy;
import dev.flows.log.partition.KeyPartitioner;
import dev.flows.log.partition.PartitionLog;
import dev.flows.log.partition.PartitionSettings;
import dev.flows.log.partition.ProducerWrite;
import dev.flows.log.producer.ProducerState;
import dev.flows.log.queue.ChannelConsumers;
import dev.flows.log.record.BatchFormat;
import dev.flows.log.recovery.DamagedRange;
import dev.flows.log.recovery.PartitionRecovery;
import dev.flows.log.recovery.RecoveredPartition;
import dev.flows.log.recovery.RecoveryEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A channel of the embedded log: a directory with {@code channel.properties} and one directory of
 * segments per partition. Thread-safe; see {@link Channel}. Appends pass the log's {@link Gate}, so closing
 * the log waits for them. The log's timer calls {@link #checkpoint()} and its cleaner {@link #cleanUp()}.
 */
public final class LogChannel implements Channel {

    private static final Duration FOREVER = Duration.ofDays(365L * 1000);

    private final String name;
    private final Path directory;
    private final ChannelPolicy policy;
    private final PartitionLog[] partitions;
    private final Compaction[] compactions;
    private final KeyPartitioner partitioner;
    private final Gate gate;
    private final PartitionSettings settings;
    private final Duration tombstoneRetention;
    private final List<RecoveryEvent> recoveryEvents;
    private final ReentrantLock cleanupLock = new ReentrantLock();
    private final ChannelConsumers consumers;

    private LogChannel(
            ChannelDefinition definition,
            ChannelPolicy policy,
            Path directory,
            PartitionLog[] partitions,
            Gate gate,
            PartitionSettings settings,
            Duration tombstoneRetention,
            List<RecoveryEvent> recoveryEvents,
            Function<String, Optional<Channel>> channels) {
        this.name = definition.name();
        this.policy = policy;
        this.directory = directory;
        this.partitions = partitions;
        this.compactions = new Compaction[partitions.length];
        if (policy.compacted()) {
            Arrays.setAll(compactions, p -> new Compaction(partitions[p]));
        }
        this.partitioner = new KeyPartitioner(partitions.length);
        this.gate = gate;
        this.settings = settings;
        this.tombstoneRetention = tombstoneRetention;
        this.recoveryEvents = recoveryEvents;
        this.consumers = new ChannelConsumers(directory, this, channels, settings.clock());
    }

    /**
     * Opens the channel {@code definition} names under {@code root}, creating it when new and recovering
     * its partitions when not.
     *
     * @param policy             the policy it runs with: the definition's, or the log's durability override
     * @param tombstoneRetention how long compaction keeps a tombstone
     * @param channels           finds the log's open channels by name: where queues send dead letters
     * @throws ConfigurationException if the name or policy is not allowed or the channel exists with another
     *     partition count
     * @throws StorageException if its files cannot be read or created
     */
    public static LogChannel open(
            Path root,
            ChannelDefinition definition,
            ChannelPolicy policy,
            CommitStrategy commit,
            Gate gate,
            PartitionSettings settings,
            Duration tombstoneRetention,
            Function<String, Optional<Channel>> channels) {
        ChannelName.check(definition);
        PolicyCheck.check(definition);
        Path directory = root.resolve(definition.name());
        ChannelProperties properties = ChannelProperties.read(settings.storage(), directory)
                .orElseGet(() -> create(directory, definition, settings));
        checkPartitions(definition, properties.partitions(), directory);
        PartitionLog[] partitions = new PartitionLog[properties.partitions()];
        List<RecoveryEvent> events = new ArrayList<>();
        try {
            for (int p = 0; p < partitions.length; p++) {
                Path partitionDirectory = directory.resolve(Integer.toString(p));
                RecoveredPartition recovered = PartitionRecovery.recover(
                        definition.name(), p, partitionDirectory, settings.storage(), settings.indexIntervalBytes());
                events.addAll(recovered.events());
                partitions[p] = PartitionLog.open(
                        definition.name(), p, partitionDirectory, settings, policy, commit, recovered);
            }
        } catch (RuntimeException e) {
            closeOpened(partitions, e);
            throw e;
        }
        return new LogChannel(
                definition,
                policy,
                directory,
                partitions,
                gate,
                settings,
                tombstoneRetention,
                List.copyOf(events),
                channels);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int partitions() {
        return partitions.length;
    }

    /** The channel's directory. */
    public Path directory() {
        return directory;
    }

    /** What recovery found and did when the channel opened, in partition then file order. */
    public List<RecoveryEvent> recoveryEvents() {
        return recoveryEvents;
    }

    /** The damaged ranges known now in every partition: found at open, or by reads since. */
    public List<DamagedRange> damagedRanges() {
        return Arrays.stream(partitions)
                .flatMap(partition -> partition.damagedRanges().stream())
                .toList();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Each partition's records become one batch, written with one write.
     *
     * @throws NullPointerException     if {@code records} or one of them is null
     * @throws IllegalStateException    if the log is closed
     * @throws IllegalArgumentException if the records for one partition exceed
     *     {@link PartitionLog#MAX_APPEND_BYTES}
     * @throws dev.flows.api.error.StorageFullException if the disk is full: nothing of this append is
     *     acknowledged (a part for another partition may have been written and will be read); retry once
     *     space is freed
     */
    @Override
    public List<Position> append(List<Append> records) {
        checkAppends(records);
        if (records.isEmpty()) {
            return List.of();
        }
        gate.enter("append to channel '" + name + "'");
        try {
            return appendOpen(records);
        } finally {
            gate.exit();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Each partition's records that are not duplicates become one batch, written with one write, that
     * carries the producer id and its first and last sequence numbers. Each partition remembers up to
     * {@link ProducerState#MAX_PRODUCERS} producers, forgetting the least recently written one past that; its
     * producers survive restarts and crashes in its recovery checkpoint, which holds them as of the durable
     * data it covers, and recovery adds those of the batches after it. Retention does not forget a producer.
     *
     * @throws IllegalArgumentException if {@code producerId} is empty or longer than
     *     {@link BatchFormat#MAX_PRODUCER_ID_BYTES} bytes in UTF-8, the sequence numbers of one partition's
     *     records do not strictly increase, or the records for one partition exceed
     *     {@link PartitionLog#MAX_APPEND_BYTES}
     * @throws IllegalStateException    if the log is closed
     * @throws dev.flows.api.error.StorageFullException if the disk is full: nothing of this append is
     *     acknowledged; retry once space is freed (what was written is then dropped as duplicates)
     */
    @Override
    public List<Position> append(String producerId, List<SequencedAppend> records) {
        byte[] producerKey = ProducerIds.check(producerId, name);
        checkAppends(records);
        if (records.isEmpty()) {
            return List.of();
        }
        PartitionedAppend<SequencedAppend> split = PartitionedAppend.route(
                records, sequenced -> keyOrProducer(sequenced, producerKey), partitioner, partitions.length);
        split.forEachPart((part, p) -> checkSequences(part, p, producerId));
        gate.enter("append to channel '" + name + "'");
        try {
            return appendOpen(split, producerId);
        } finally {
            gate.exit();
        }
    }

    /** A record without a key goes where its producer's id hashes, the same partition each time. */
    private static byte[] keyOrProducer(SequencedAppend sequenced, byte[] producerKey) {
        byte[] key = sequenced.record().key();
        return key != null ? key : producerKey;
    }

    private void checkSequences(List<SequencedAppend> part, int partition, String producerId) {
        for (int i = 1; i < part.size(); i++) {
            long before = part.get(i - 1).sequence();
            long sequence = part.get(i).sequence();
            if (sequence <= before) {
                throw new IllegalArgumentException("producer '" + producerId + "' appends sequence number " + sequence
                        + " after " + before + " to partition " + partition + " of channel '" + name
                        + "'; within one append, the sequence numbers of a partition's records must strictly"
                        + " increase: number the records in the order they are appended");
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Verifies every batch's CRC. A {@code fromOffset} before the start offset reads from the start
     * offset; the records carry their offsets, and on a compacted channel offsets may skip. Returns the
     * records before a damaged batch, and throws when the damaged one comes first.
     *
     * @throws IllegalArgumentException if {@code fromOffset} is negative or {@code maxRecords} below 1
     * @throws dev.flows.log.DamagedRangeException if the first record to read lies in a damaged range
     * @throws StorageException         if the segments cannot be read
     * @throws IllegalStateException    if the log is closed
     */
    @Override
    public List<ChannelRecord> read(int partition, long fromOffset, int maxRecords) {
        if (fromOffset < 0 || maxRecords < 1) {
            throw new IllegalArgumentException("cannot read channel '" + name + "' from offset " + fromOffset + " for "
                    + maxRecords + " records; the offset must be at least 0 and the count at least 1");
        }
        gate.checkOpen("read channel '" + name + "'");
        return log(partition).read(fromOffset, maxRecords);
    }

    @Override
    public long startOffset(int partition) {
        return log(partition).startOffset();
    }

    @Override
    public long endOffset(int partition) {
        return log(partition).endOffset();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Returns false at once when the log closes while waiting. A negative timeout counts as zero.
     *
     * @throws StorageException      if the partition failed (a flush failed) before reaching the offset
     * @throws IllegalStateException if the log is closed
     */
    @Override
    public boolean awaitRecords(int partition, long offset, Duration timeout) throws InterruptedException {
        PartitionLog log = log(partition);
        gate.checkOpen("wait for records of channel '" + name + "'");
        long nanos = timeout.compareTo(FOREVER) > 0 ? Long.MAX_VALUE : timeout.toNanos();
        return log.awaitRecords(offset, nanos);
    }

    @Override
    public long sizeBytes() {
        return Arrays.stream(partitions).mapToLong(PartitionLog::sizeBytes).sum();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Uses the segments' largest timestamps and sparse time indexes, then decodes one batch. Timestamps
     * need not grow with offsets: the answer is the first offset whose timestamp is at or after
     * {@code time}. If a damaged batch may hold the answer, returns its first offset, where a read reports
     * the damage.
     *
     * @throws IllegalArgumentException if the partition does not exist
     * @throws IllegalStateException    if the log is closed
     */
    @Override
    public long offsetForTime(int partition, Instant time) {
        PartitionLog log = log(partition);
        gate.checkOpen("search channel '" + name + "' by time");
        return log.offsetForTime(epochMillis(time));
    }

    /** {@inheritDoc} With the log's durability override applied, if it has one. */
    @Override
    public ChannelPolicy policy() {
        return policy;
    }

    /**
     * Brings each partition's recovery checkpoint up to what was forced. Called by the log's timer; safe to
     * call from tests at any time.
     */
    public void checkpoint() {
        for (PartitionLog partition : partitions) {
            partition.checkpoint();
        }
    }

    /**
     * Applies retention to every partition, then compaction if the channel is compacted, at the clock's
     * time now. Called by the log's cleaner; safe to call from tests (one caller at a time runs).
     *
     * @throws StorageException if a segment cannot be deleted, read or rewritten
     */
    public void cleanUp() {
        cleanupLock.lock();
        try {
            long nowMs = settings.clock().millis();
            for (int p = 0; p < partitions.length; p++) {
                Retention.enforce(partitions[p], policy, nowMs);
                if (compactions[p] != null) {
                    compactions[p].compact(nowMs, tombstoneRetention);
                }
            }
        } finally {
            cleanupLock.unlock();
        }
    }

    /**
     * Closes the channel's queues and consumer groups, then flushes and closes every partition. Call once no
     * append runs (the log's gate is closed) and the log's timer and cleaner have stopped.
     *
     * @throws StorageException if a final flush fails; every file is closed anyway
     */
    public void close() {
        try {
            consumers.close();
        } finally {
            closeOpened(partitions, null);
        }
    }

    @Override
    public String toString() {
        return "channel '" + name + "' (" + partitions.length + " partitions)";
    }

    /** Writes every partition's part before waiting for any, so that their flushes overlap. */
    private List<Position> appendOpen(List<Append> records) {
        if (records.size() == 1 || partitions.length == 1) {
            int partition = partitions.length == 1
                    ? 0
                    : partitioner.partition(records.getFirst().key());
            long offset = partitions[partition].write(records);
            partitions[partition].awaitDurable(offset + records.size());
            return positions(partition, offset, records.size());
        }
        PartitionedAppend<Append> split = PartitionedAppend.route(records, Append::key, partitioner, partitions.length);
        long[] firstOffsets = new long[partitions.length];
        split.forEachPart((part, p) -> firstOffsets[p] = partitions[p].write(part));
        split.forEachPart((part, p) -> partitions[p].awaitDurable(firstOffsets[p] + part.size()));
        return split.positions((p, rank) -> new Position(p, firstOffsets[p] + rank));
    }

    /** Writes every partition's part of a producer's append, then waits for them, as {@link #appendOpen}. */
    private List<Position> appendOpen(PartitionedAppend<SequencedAppend> split, String producerId) {
        ProducerWrite[] writes = new ProducerWrite[partitions.length];
        split.forEachPart((part, p) -> writes[p] = partitions[p].write(producerId, part));
        split.forEachPart((part, p) -> partitions[p].awaitDurable(writes[p].durableEnd()));
        return split.positions((p, rank) -> writes[p].position(p, rank));
    }

    private static List<Position> positions(int partition, long first, int count) {
        Position[] positions = new Position[count];
        for (int i = 0; i < count; i++) {
            positions[i] = new Position(partition, first + i);
        }
        return List.of(positions);
    }

    private void checkAppends(List<?> records) {
        Objects.requireNonNull(records, "records");
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i) == null) {
                throw new NullPointerException("record " + i + " of an append to channel '" + name + "' is null;"
                        + " pass only records (a null value is a tombstone, a null key is fine)");
            }
        }
    }

    private PartitionLog log(int partition) {
        if (partition < 0 || partition >= partitions.length) {
            throw new IllegalArgumentException("channel '" + name + "' has no partition " + partition
                    + "; its partitions are 0 to " + (partitions.length - 1));
        }
        return partitions[partition];
    }

    private static long epochMillis(Instant time) {
        try {
            return time.toEpochMilli();
        } catch (ArithmeticException beyondLong) {
            return time.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static ChannelProperties create(Path directory, ChannelDefinition definition, PartitionSettings settings) {
        ChannelProperties properties = new ChannelProperties(ChannelProperties.FORMAT_VERSION, definition.partitions());
        properties.write(settings.storage(), directory);
        return properties;
    }

    /**
     * Checks that {@code definition}, naming this open channel, asks for its partition count. Its policy is
     * not compared: the policy the channel opened with holds until the log reopens.
     *
     * @throws ConfigurationException if it asks for another
     */
    public void checkDefinition(ChannelDefinition definition) {
        checkPartitions(definition, partitions.length, directory);
    }

    private static void checkPartitions(ChannelDefinition definition, int existing, Path directory) {
        if (existing != definition.partitions()) {
            throw new ConfigurationException(ChannelName.where(definition) + "channel '" + definition.name()
                    + "' asks for " + definition.partitions() + " partitions, but it exists with "
                    + existing + " (" + directory.resolve(ChannelProperties.FILE_NAME)
                    + "), and a channel's partition count cannot change; declare " + existing
                    + " partitions, or give the channel a new name and move its consumers there");
        }
    }

    private static void closeOpened(PartitionLog[] partitions, RuntimeException failure) {
        RuntimeException first = failure;
        for (PartitionLog partition : partitions) {
            if (partition == null) {
                continue;
            }
            try {
                partition.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (failure == null && first != null) {
            throw first;
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Its offsets live in {@code groups/<name>.offsets} under the channel's directory.
     *
     * @throws IllegalStateException if the channel is closed
     * @throws StorageException      if the group's file cannot be read or created
     */
    @Override
    public dev.flows.api.channel.ConsumerGroup group(String groupName) {
        return consumers.group(groupName);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Its state lives in {@code queues/<name>/} under the channel's directory; its dead letters go to the
     * open channel {@link ChannelPolicy#deadLetter()} names, on the log's clock.
     *
     * @throws IllegalStateException if the channel is closed
     * @throws StorageException      if the queue's files cannot be read or created
     */
    @Override
    public dev.flows.api.channel.ChannelQueue queue(String queueName) {
        return consumers.queue(queueName);
    }
}
