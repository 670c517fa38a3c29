package dev.flows.log.partition;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.error.StorageException;
import dev.flows.log.commit.CommitStrategy;
import dev.flows.log.commit.DurableEnd;
import dev.flows.log.commit.FlushTarget;
import dev.flows.log.record.RecordEncoder;
import dev.flows.log.record.RecordFormat;
import dev.flows.log.recovery.DamagedRange;
import dev.flows.log.recovery.RecoveredPartition;
import dev.flows.log.segment.Segment;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One partition of a channel: its segments, the active one taking appends, and its durable end.
 *
 * <p>Thread-safe. Appenders encode and write under the partition lock, one write per append, and roll to a
 * new segment first when the batch would overflow the active one; a rolled segment is forced before its
 * successor exists, so only the last segment can ever end torn. The {@link CommitStrategy} then decides
 * when the records become durable. Readers take no lock: they read the durable end, then the segments
 * (a concurrent map) and their indexes, which only grow below it.
 */
public final class PartitionLog implements FlushTarget, AutoCloseable {

    /** The most bytes one append may write to one partition: what one buffer holds. */
    public static final long MAX_APPEND_BYTES = Integer.MAX_VALUE - 8;

    private final String name;
    private final int partition;
    private final Path directory;
    private final long segmentBytes;
    private final CommitStrategy commit;
    private final NavigableMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
    private final List<DamagedRange> damaged;
    private final DurableEnd durableEnd;
    private final ReentrantLock lock = new ReentrantLock();
    private Segment active;
    private long nextOffset;
    private volatile StorageException failure;

    private PartitionLog(
            String channel,
            int partition,
            Path directory,
            long segmentBytes,
            CommitStrategy commit,
            RecoveredPartition recovered) {
        this.name = "channel '" + channel + "' partition " + partition;
        this.partition = partition;
        this.directory = directory;
        this.segmentBytes = segmentBytes;
        this.commit = commit;
        recovered.segments().forEach(segment -> segments.put(segment.baseOffset(), segment));
        this.damaged = recovered.damagedRanges();
        this.active = recovered.segments().getLast();
        this.nextOffset = active.endOffset();
        this.durableEnd = new DurableEnd(name, nextOffset);
    }

    /**
     * Opens the partition whose segments recovery left in {@code directory}.
     *
     * @param segmentBytes the size at which the active segment rolls
     */
    public static PartitionLog open(
            String channel,
            int partition,
            Path directory,
            long segmentBytes,
            CommitStrategy commit,
            RecoveredPartition recovered) {
        return new PartitionLog(channel, partition, directory, segmentBytes, commit, recovered);
    }

    /** The partition number. */
    public int partition() {
        return partition;
    }

    /**
     * Writes {@code records} (validated by the caller) with consecutive offsets and tells the commit
     * strategy; does not wait for durability, see {@link #awaitDurable}. Blocks while another appender of
     * this partition writes.
     *
     * @return the offset of the first record
     * @throws StorageException if the partition failed before or the write fails
     */
    public long write(List<Append> records) {
        int[] sizes = new int[records.size()];
        long total = sizes(records, sizes);
        long first;
        lock.lock();
        try {
            throwIfFailed();
            if (active.sizeBytes() > 0 && active.sizeBytes() + total > segmentBytes) {
                roll();
            }
            first = nextOffset;
            appendToActive(encode(records, total, first), sizes);
            nextOffset = first + records.size();
        } finally {
            lock.unlock();
        }
        commit.onWritten(this, durableEnd, first + records.size());
        return first;
    }

    /**
     * Parks until every offset below {@code end} is durable.
     *
     * @throws StorageException if they cannot be made durable (a flush failed)
     */
    public void awaitDurable(long end) {
        durableEnd.awaitDurable(end);
    }

    /** Forces the active segment and advances the durable end over what it holds: the flusher's work. */
    @Override
    public void flush() {
        long target;
        Segment segment;
        lock.lock();
        try {
            target = nextOffset;
            segment = active;
        } finally {
            lock.unlock();
        }
        if (target <= durableEnd.end() || failure != null) {
            return;
        }
        try {
            segment.force();
            durableEnd.advanceTo(target);
        } catch (RuntimeException e) {
            // A StorageException, or any surprise: either way the parked appenders must hear of it.
            fail(e instanceof StorageException storage ? storage : new StorageException(e.toString(), e));
        }
    }

    /**
     * Reads up to {@code maxRecords} durable records from {@code fromOffset} (or the start offset, if that is
     * later). Never blocks. Returns the records before a damaged one and throws only when it comes first.
     *
     * @throws StorageException if the first record to read is damaged or cannot be read
     */
    public List<ChannelRecord> read(long fromOffset, int maxRecords) {
        long durable = durableEnd.end();
        long offset = Math.max(fromOffset, startOffset());
        List<ChannelRecord> records = new ArrayList<>(Math.clamp(Math.min(durable - offset, maxRecords), 0, 1024));
        while (records.size() < maxRecords && offset < durable) {
            Segment segment = segments.floorEntry(offset).getValue();
            long segmentEnd = segment.endOffset();
            if (offset >= segmentEnd) {
                if (records.isEmpty()) {
                    throw damageAt(offset, segment);
                }
                break;
            }
            long to = Math.min(Math.min(durable, segmentEnd), offset + maxRecords - records.size());
            List<ChannelRecord> part = readPart(segment, offset, to, records.isEmpty());
            if (part.isEmpty()) {
                break;
            }
            records.addAll(part);
            offset += part.size();
        }
        return records;
    }

    /** The durable end: the offset the next durable record will get. */
    public long endOffset() {
        return durableEnd.end();
    }

    /** The first offset held. */
    public long startOffset() {
        return segments.firstKey();
    }

    /**
     * Parks until a record at {@code offset} or beyond is durable or the timeout passes.
     *
     * @see DurableEnd#await
     */
    public boolean awaitRecords(long offset, long timeoutNanos) throws InterruptedException {
        return durableEnd.await(offset, timeoutNanos);
    }

    /** Bytes of all segments. */
    public long sizeBytes() {
        return segments.values().stream().mapToLong(Segment::sizeBytes).sum();
    }

    /**
     * Forces the active segment, then closes every file and wakes readers parked in {@link #awaitRecords}.
     * Call once no append is running.
     *
     * @throws StorageException if the last force fails; the files are closed anyway
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (failure == null) {
                active.force();
            }
        } finally {
            try {
                durableEnd.close();
                closeSegments();
            } finally {
                lock.unlock();
            }
        }
    }

    private void closeSegments() {
        StorageException first = null;
        for (Segment segment : segments.values()) {
            try {
                segment.close();
            } catch (StorageException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Reads one run; a damaged record after others were read ends this read, the next read throws. */
    private List<ChannelRecord> readPart(Segment segment, long from, long to, boolean first) {
        try {
            return segment.read(from, to, partition);
        } catch (StorageException e) {
            if (first) {
                throw e;
            }
            return List.of();
        }
    }

    private StorageException damageAt(long offset, Segment segment) {
        for (DamagedRange range : damaged) {
            if (range.contains(offset)) {
                return range.readFailure(offset);
            }
        }
        return new StorageException(name + ": offset " + offset + " lies past the end of segment " + segment.file()
                + " and in no other; restore the partition's files from a backup");
    }

    private static long sizes(List<Append> records, int[] sizes) {
        long total = 0;
        for (int i = 0; i < sizes.length; i++) {
            long size = RecordFormat.sizeOf(records.get(i));
            total += size;
            if (total > MAX_APPEND_BYTES) {
                throw new IllegalArgumentException("an append of " + records.size()
                        + " records to one partition takes more than " + MAX_APPEND_BYTES
                        + " bytes, the most one append may write; split it into smaller appends");
            }
            sizes[i] = (int) size;
        }
        return total;
    }

    private static ByteBuffer encode(List<Append> records, long total, long firstOffset) {
        ByteBuffer buffer = ByteBuffer.allocate((int) total);
        for (int i = 0; i < records.size(); i++) {
            RecordEncoder.encode(buffer, firstOffset + i, records.get(i));
        }
        return buffer.flip();
    }

    private void appendToActive(ByteBuffer buffer, int[] sizes) {
        try {
            active.append(buffer, sizes);
        } catch (StorageException e) {
            if (active.tornTail()) {
                fail(e);
            }
            throw e;
        }
    }

    /** Seals the active segment, forced whole, and starts the next. Under the lock. */
    private void roll() {
        try {
            active.force();
            active.seal();
            Segment next = Segment.create(directory, nextOffset);
            segments.put(next.baseOffset(), next);
            active = next;
        } catch (StorageException e) {
            fail(e);
            throw e;
        }
    }

    private void fail(StorageException cause) {
        if (failure == null) {
            failure = cause;
        }
        durableEnd.fail(cause);
    }

    private void throwIfFailed() {
        StorageException cause = failure;
        if (cause != null) {
            throw new StorageException(
                    name + " takes no more appends since an earlier failure: " + cause.getMessage()
                            + " (restart Flows once the disk is fixed; recovery keeps every whole record)",
                    cause);
        }
    }
}
