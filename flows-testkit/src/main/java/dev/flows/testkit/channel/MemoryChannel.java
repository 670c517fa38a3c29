package dev.flows.testkit.channel;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelPolicy;
import dev.flows.api.channel.ChannelQueue;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.ConsumerGroup;
import dev.flows.api.channel.Position;
import dev.flows.api.channel.SequencedAppend;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A channel held in memory, for tests: every append is "durable" when it returns, nothing survives the
 * process. A key picks its partition by {@link Arrays#hashCode(byte[])} (stable, but not the embedded log's
 * murmur2, so partition numbers differ from a real run's); records without a key go round-robin, or, in an
 * idempotent append, to the partition the producer id's hash picks. Consumer groups and queues are not
 * supported. Thread-safe: one lock guards every partition.
 */
public final class MemoryChannel implements Channel {

    private final String name;
    private final ChannelPolicy policy;
    private final MemoryPartition[] partitions;
    private final List<ChannelRecord> inAppendOrder = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private int nextUnkeyed;

    /**
     * @param partitions at least 1
     * @throws IllegalArgumentException if {@code partitions} is below 1
     */
    public MemoryChannel(String name, int partitions, ChannelPolicy policy) {
        if (partitions < 1) {
            throw new IllegalArgumentException("channel '" + name + "' needs at least 1 partition, was " + partitions);
        }
        this.name = Objects.requireNonNull(name, "name");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.partitions = new MemoryPartition[partitions];
        for (int p = 0; p < partitions; p++) {
            this.partitions[p] = new MemoryPartition(p);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int partitions() {
        return partitions.length;
    }

    @Override
    public ChannelPolicy policy() {
        return policy;
    }

    @Override
    public List<Position> append(List<Append> records) {
        records.forEach(record -> Objects.requireNonNull(record, "record"));
        lock.lock();
        try {
            List<Position> positions = new ArrayList<>(records.size());
            for (Append record : records) {
                int partition = record.key() == null ? nextUnkeyed++ % partitions.length : partitionOf(record.key());
                positions.add(new Position(partition, add(partition, record)));
            }
            appended.signalAll();
            return positions;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Appends idempotently, by the rule {@link Channel#append(String, List)} states: per partition and producer,
     * a record whose sequence number is not above the last one stored is a duplicate and is not written.
     */
    @Override
    public List<Position> append(String producerId, List<SequencedAppend> records) {
        Objects.requireNonNull(producerId, "producerId");
        if (producerId.isEmpty()) {
            throw new IllegalArgumentException("the producer id of an idempotent append must not be empty");
        }
        int[] target = targets(producerId, records);
        lock.lock();
        try {
            List<Position> positions = new ArrayList<>(records.size());
            for (int i = 0; i < target.length; i++) {
                SequencedAppend record = records.get(i);
                MemoryPartition partition = partitions[target[i]];
                if (record.sequence() <= partition.lastSequence(producerId)) {
                    positions.add(Position.duplicateIn(target[i]));
                } else {
                    positions.add(new Position(target[i], add(target[i], record.record())));
                    partition.storedSequence(producerId, record.sequence());
                }
            }
            appended.signalAll();
            return positions;
        } finally {
            lock.unlock();
        }
    }

    /** The partition of each record, after checking that each partition's sequence numbers increase. */
    private int[] targets(String producerId, List<SequencedAppend> records) {
        int[] target = new int[records.size()];
        Map<Integer, Long> previous = new HashMap<>();
        for (int i = 0; i < target.length; i++) {
            SequencedAppend record = Objects.requireNonNull(records.get(i), "record");
            byte[] key = record.record().key();
            target[i] = key == null ? Math.floorMod(producerId.hashCode(), partitions.length) : partitionOf(key);
            Long before = previous.put(target[i], record.sequence());
            if (before != null && before >= record.sequence()) {
                throw new IllegalArgumentException("producer '" + producerId + "' appends sequence "
                        + record.sequence() + " after " + before + " to partition " + target[i] + " of channel '"
                        + name + "' in one call; number the records of a partition in increasing order");
            }
        }
        return target;
    }

    private long add(int partition, Append record) {
        ChannelRecord added = partitions[partition].add(record);
        inAppendOrder.add(added);
        return added.offset();
    }

    private int partitionOf(byte[] key) {
        return Math.floorMod(Arrays.hashCode(key), partitions.length);
    }

    /** Every record of every partition, in the order they were appended. */
    public List<ChannelRecord> records() {
        lock.lock();
        try {
            return List.copyOf(inAppendOrder);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<ChannelRecord> read(int partition, long fromOffset, int maxRecords) {
        lock.lock();
        try {
            return partition(partition).read(fromOffset, maxRecords);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long startOffset(int partition) {
        partition(partition);
        return 0;
    }

    @Override
    public long endOffset(int partition) {
        lock.lock();
        try {
            return partition(partition).endOffset();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean awaitRecords(int partition, long offset, Duration timeout) throws InterruptedException {
        long remainingNanos = timeout.toNanos();
        lock.lock();
        try {
            while (partition(partition).endOffset() <= offset) {
                if (remainingNanos <= 0) {
                    return false;
                }
                remainingNanos = appended.awaitNanos(remainingNanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long sizeBytes() {
        lock.lock();
        try {
            long bytes = 0;
            for (MemoryPartition partition : partitions) {
                bytes += partition.sizeBytes();
            }
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long offsetForTime(int partition, Instant time) {
        lock.lock();
        try {
            return partition(partition).offsetForTime(time.toEpochMilli());
        } finally {
            lock.unlock();
        }
    }

    /** @throws UnsupportedOperationException always: in-memory channels have no consumer groups */
    @Override
    public ConsumerGroup group(String groupName) {
        throw new UnsupportedOperationException("channel '" + name + "' is an in-memory test channel, which has no"
                + " consumer groups; read it with read(partition, offset, max), or test groups on the embedded log");
    }

    /** @throws UnsupportedOperationException always: in-memory channels have no queues */
    @Override
    public ChannelQueue queue(String queueName) {
        throw new UnsupportedOperationException("channel '" + name + "' is an in-memory test channel, which has no"
                + " queues; test queues on the embedded log");
    }

    private MemoryPartition partition(int partition) {
        if (partition < 0 || partition >= partitions.length) {
            throw new IllegalArgumentException(
                    "channel '" + name + "' has partitions 0 to " + (partitions.length - 1) + ", not " + partition);
        }
        return partitions[partition];
    }
}
