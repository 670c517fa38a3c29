package dev.flows.log.channel;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.Position;
import dev.flows.api.error.ConfigurationException;
import dev.flows.api.error.StorageException;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.log.commit.CommitStrategy;
import dev.flows.log.partition.KeyPartitioner;
import dev.flows.log.partition.PartitionLog;
import dev.flows.log.recovery.PartitionRecovery;
import dev.flows.log.recovery.RecoveredPartition;
import dev.flows.log.recovery.RecoveryEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A channel of the embedded log: a directory with {@code channel.properties} and one directory of
 * segments per partition. Thread-safe; see {@link Channel}. Appends pass the log's {@link Gate}, so closing
 * the log waits for them.
 */
public final class LogChannel implements Channel {

    private static final Duration FOREVER = Duration.ofDays(365L * 1000);

    private final String name;
    private final Path directory;
    private final PartitionLog[] partitions;
    private final KeyPartitioner partitioner;
    private final Gate gate;
    private final List<RecoveryEvent> recoveryEvents;

    private LogChannel(
            String name, Path directory, PartitionLog[] partitions, Gate gate, List<RecoveryEvent> recoveryEvents) {
        this.name = name;
        this.directory = directory;
        this.partitions = partitions;
        this.partitioner = new KeyPartitioner(partitions.length);
        this.gate = gate;
        this.recoveryEvents = recoveryEvents;
    }

    /**
     * Opens the channel {@code definition} names under {@code root}, creating it when new and recovering
     * its partitions when not.
     *
     * @param segmentBytes the size at which segments roll
     * @throws ConfigurationException if the name is not allowed or the channel exists with another
     *     partition count
     * @throws StorageException if its files cannot be read or created
     */
    public static LogChannel open(
            Path root, ChannelDefinition definition, long segmentBytes, CommitStrategy commit, Gate gate) {
        ChannelName.check(definition);
        Path directory = root.resolve(definition.name());
        ChannelProperties properties = ChannelProperties.read(directory).orElseGet(() -> create(directory, definition));
        checkPartitions(definition, properties.partitions(), directory);
        PartitionLog[] partitions = new PartitionLog[properties.partitions()];
        List<RecoveryEvent> events = new ArrayList<>();
        try {
            for (int p = 0; p < partitions.length; p++) {
                RecoveredPartition recovered =
                        PartitionRecovery.recover(definition.name(), p, directory.resolve(Integer.toString(p)));
                events.addAll(recovered.events());
                partitions[p] = PartitionLog.open(
                        definition.name(), p, directory.resolve(Integer.toString(p)), segmentBytes, commit, recovered);
            }
        } catch (RuntimeException e) {
            closeOpened(partitions, e);
            throw e;
        }
        return new LogChannel(definition.name(), directory, partitions, gate, List.copyOf(events));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int partitions() {
        return partitions.length;
    }

    /** What recovery found and did when the channel opened, in partition then file order. */
    public List<RecoveryEvent> recoveryEvents() {
        return recoveryEvents;
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException     if {@code records}, one of them or its value is null
     * @throws IllegalStateException    if the log is closed
     * @throws IllegalArgumentException if the records for one partition exceed
     *     {@link PartitionLog#MAX_APPEND_BYTES}
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
     * <p>Verifies every record's CRC. A {@code fromOffset} before the start offset reads from the start
     * offset; the records carry their offsets. Returns the records before a damaged one, and throws when
     * the damaged one comes first.
     *
     * @throws IllegalArgumentException if {@code fromOffset} is negative or {@code maxRecords} below 1
     * @throws StorageException         if the first record to read is damaged or unreadable
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
     * Flushes and closes every partition. Call once no append is running (the log's gate is closed).
     *
     * @throws StorageException if a final flush fails; every file is closed anyway
     */
    public void close() {
        closeOpened(partitions, null);
    }

    @Override
    public String toString() {
        return "channel '" + name + "' (" + partitions.length + " partitions)";
    }

    /** Writes every partition's part before waiting for any, so that their flushes overlap. */
    private List<Position> appendOpen(List<Append> records) {
        if (records.size() == 1) {
            int partition = partitioner.partition(records.getFirst().key());
            long offset = partitions[partition].write(records);
            partitions[partition].awaitDurable(offset + 1);
            return List.of(new Position(partition, offset));
        }
        PartitionedAppend split = PartitionedAppend.route(records, partitioner, partitions.length);
        long[] firstOffsets = new long[partitions.length];
        split.forEachPart((part, p) -> firstOffsets[p] = partitions[p].write(part));
        split.forEachPart((part, p) -> partitions[p].awaitDurable(firstOffsets[p] + part.size()));
        return split.positions(firstOffsets);
    }

    private void checkAppends(List<Append> records) {
        Objects.requireNonNull(records, "records");
        for (int i = 0; i < records.size(); i++) {
            Append append = records.get(i);
            if (append == null || append.value() == null) {
                throw new NullPointerException("record " + i + " of an append to channel '" + name + "' "
                        + (append == null ? "is null" : "has a null value")
                        + "; every record needs a value (an empty array is fine)");
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

    private static ChannelProperties create(Path directory, ChannelDefinition definition) {
        ChannelProperties properties = new ChannelProperties(ChannelProperties.FORMAT_VERSION, definition.partitions());
        properties.write(directory);
        return properties;
    }

    /**
     * Checks that {@code definition}, naming this open channel, asks for its partition count.
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

    // --- Placeholders replaced in this session by the log-storage and consumer-state work (issue 3). ---

    @Override
    public long offsetForTime(int partition, java.time.Instant time) {
        throw new UnsupportedOperationException("offsetForTime: issue 3 in progress");
    }

    @Override
    public dev.flows.api.channel.ChannelPolicy policy() {
        throw new UnsupportedOperationException("policy: issue 3 in progress");
    }

    @Override
    public dev.flows.api.channel.ConsumerGroup group(String groupName) {
        throw new UnsupportedOperationException("group: issue 3 in progress");
    }

    @Override
    public dev.flows.api.channel.ChannelQueue queue(String queueName) {
        throw new UnsupportedOperationException("queue: issue 3 in progress");
    }
}
