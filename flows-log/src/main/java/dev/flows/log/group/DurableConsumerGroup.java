package dev.flows.log.group;

import dev.flows.api.channel.ConsumerGroup;
import dev.flows.api.error.StorageException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A consumer group whose committed offsets live in one file ({@link OffsetsFile}: two checksummed copies
 * written in turn). A commit is on disk when {@link #commit} returns; a crash or a torn write loses at most
 * the commit that had not returned. Thread-safe: commits are serialised, each costing one write and one
 * flush.
 */
public final class DurableConsumerGroup implements ConsumerGroup, AutoCloseable {

    private final String name;
    private final Path file;
    private final ReentrantLock lock = new ReentrantLock();
    private final OffsetsFile offsetsFile;
    private final long[] offsets;
    private boolean closed;

    private DurableConsumerGroup(String name, Path file, OffsetsFile offsetsFile) {
        this.name = name;
        this.file = file;
        this.offsetsFile = offsetsFile;
        this.offsets = offsetsFile.loaded();
    }

    /**
     * Opens the group whose offsets are in {@code file}, creating the file (nothing committed) when it does
     * not exist. The file's directory must exist.
     *
     * @param partitions the channel's partition count, at least 1
     * @throws IllegalArgumentException if the name is not lower-case letters, digits, '.', '-', '_' starting
     *     with a letter, or {@code partitions} is below 1
     * @throws StorageException         if the file cannot be read or created, or is damaged beyond its
     *     second copy; the message names the file and what to do
     */
    public static DurableConsumerGroup open(Path file, String name, int partitions) {
        GroupName.check("consumer group", name);
        if (partitions < 1) {
            throw new IllegalArgumentException("consumer group '" + name + "' at " + file + " was opened for "
                    + partitions + " partitions; pass the channel's partition count, at least 1");
        }
        return new DurableConsumerGroup(name, file, OffsetsFile.open(file, name, partitions));
    }

    @Override
    public String name() {
        return name;
    }

    /** The file holding the offsets. */
    public Path file() {
        return file;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the partition does not exist
     */
    @Override
    public OptionalLong committed(int partition) {
        checkPartition(partition);
        lock.lock();
        try {
            long offset = offsets[partition];
            return offset == OffsetsFile.NONE ? OptionalLong.empty() : OptionalLong.of(offset);
        } finally {
            lock.unlock();
        }
    }

    /** {@inheritDoc} A snapshot, in partition order, that later commits do not change. */
    @Override
    public Map<Integer, Long> committed() {
        Map<Integer, Long> committed = new TreeMap<>();
        lock.lock();
        try {
            for (int partition = 0; partition < offsets.length; partition++) {
                if (offsets[partition] != OffsetsFile.NONE) {
                    committed.put(partition, offsets[partition]);
                }
            }
        } finally {
            lock.unlock();
        }
        return Collections.unmodifiableMap(committed);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Blocks for one disk flush, unless the partition's committed offset is {@code nextOffset} already.
     *
     * @throws IllegalStateException if the group is closed
     */
    @Override
    public void commit(int partition, long nextOffset) {
        checkPartition(partition);
        if (nextOffset < 0) {
            throw new IllegalArgumentException("consumer group '" + name + "' cannot commit offset " + nextOffset
                    + " for partition " + partition + "; offsets start at 0, commit the next offset to read");
        }
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("consumer group '" + name + "' (" + file + ") is closed, so it"
                        + " cannot commit offset " + nextOffset + " for partition " + partition
                        + "; commit before closing the channel, or get the group again from the reopened channel");
            }
            if (offsets[partition] == nextOffset) {
                return;
            }
            long[] next = offsets.clone();
            next[partition] = nextOffset;
            offsetsFile.write(next);
            offsets[partition] = nextOffset;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the file. Every commit is on disk already. Idempotent; {@link #committed} keeps working.
     *
     * @throws StorageException if the file cannot be closed
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                offsetsFile.close();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "consumer group '" + name + "' (" + file + ")";
    }

    private void checkPartition(int partition) {
        if (partition < 0 || partition >= offsets.length) {
            throw new IllegalArgumentException("consumer group '" + name + "' has no partition " + partition
                    + "; its channel's partitions are 0 to " + (offsets.length - 1));
        }
    }
}
