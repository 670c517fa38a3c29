package dev.flows.log.partition;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.ChannelPolicy;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.SequencedAppend;
import dev.flows.api.error.StorageException;
import dev.flows.api.error.StorageFullException;
import dev.flows.log.commit.CommitStrategy;
import dev.flows.log.commit.DurableEnd;
import dev.flows.log.commit.FlushTarget;
import dev.flows.log.producer.PartitionProducers;
import dev.flows.log.producer.ProducerEntry;
import dev.flows.log.record.BatchEncoder;
import dev.flows.log.record.BatchFormat;
import dev.flows.log.record.BatchProducer;
import dev.flows.log.recovery.DamagedRange;
import dev.flows.log.recovery.RecoveredPartition;
import dev.flows.log.recovery.RecoveryCheckpoint;
import dev.flows.log.segment.Extent;
import dev.flows.log.segment.Segment;
import dev.flows.log.segment.SegmentDamagedException;
import dev.flows.log.segment.SegmentName;
import dev.flows.log.segment.SegmentReader;
import dev.flows.log.segment.TimeSearch;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One partition of a channel: its segments, the active one taking appends, its durable end, its damaged
 * ranges, its producers (for idempotent appends) and its recovery checkpoint.
 *
 * <p>Thread-safe. An append encodes its batch outside the lock, then under the partition lock sets the
 * base offset and CRC and writes it with one positional write, rolling to a new segment first when the
 * batch would overflow the active one or the active one is older than the policy's segment age; a rolled
 * segment is forced whole before its successor exists, so only the last segment can ever end torn. The
 * {@link CommitStrategy} then decides when the records become durable. An idempotent append also checks
 * and advances its producer's state under that lock; the checkpoint stores that state only as of what was
 * forced ({@link PartitionProducers}). Readers take no lock: they read
 * the durable end, then the segments (a concurrent map) and their extents, which only grow below it.
 * Retention and compaction (one cleaner thread) swap or drop closed segments; a reader that finds its
 * segment closed under it looks again.
 */
public final class PartitionLog implements FlushTarget, AutoCloseable {

    /** The most bytes one append may write to one partition: what one batch may hold. */
    public static final long MAX_APPEND_BYTES = Integer.MAX_VALUE - 8;

    /** Producer changes waiting for a checkpoint beyond which the checkpoint forces the active segment. */
    static final int MAX_PENDING_PRODUCER_CHANGES = 10_000;

    private static final System.Logger LOG = System.getLogger(PartitionLog.class.getName());

    /** A segment and how far it was forced. */
    private record Forced(Segment segment, Extent extent) {
        boolean isAfter(Forced other) {
            return other == null
                    || segment.baseOffset() > other.segment.baseOffset()
                    || (segment == other.segment && extent.bytes() > other.extent.bytes());
        }
    }

    private final String channel;
    private final String name;
    private final int partition;
    private final Path directory;
    private final PartitionSettings settings;
    private final ChannelPolicy policy;
    private final CommitStrategy commit;
    private final NavigableMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
    private final List<DamagedRange> damaged = new CopyOnWriteArrayList<>();
    private final DurableEnd durableEnd;
    private final ReentrantLock lock = new ReentrantLock();
    private final ReentrantLock checkpointLock = new ReentrantLock();
    private final AtomicReference<Forced> forced = new AtomicReference<>();
    private final PartitionProducers producers;
    private volatile Segment active;
    private long nextOffset;
    private Forced checkpointed;
    private volatile StorageException failure;
    private volatile boolean closed;

    private PartitionLog(
            String channel,
            int partition,
            Path directory,
            PartitionSettings settings,
            ChannelPolicy policy,
            CommitStrategy commit,
            RecoveredPartition recovered) {
        this.channel = channel;
        this.name = "channel '" + channel + "' partition " + partition;
        this.partition = partition;
        this.directory = directory;
        this.settings = settings;
        this.policy = policy;
        this.commit = commit;
        recovered.segments().forEach(segment -> segments.put(segment.baseOffset(), segment));
        this.damaged.addAll(recovered.damagedRanges());
        this.active = recovered.segments().getLast();
        this.nextOffset = active.endOffset();
        this.durableEnd = new DurableEnd(name, nextOffset);
        this.checkpointed = new Forced(active, active.extent());
        this.forced.set(checkpointed);
        this.producers = new PartitionProducers(recovered.producers());
    }

    /** Opens the partition whose segments recovery left in {@code directory}. */
    public static PartitionLog open(
            String channel,
            int partition,
            Path directory,
            PartitionSettings settings,
            ChannelPolicy policy,
            CommitStrategy commit,
            RecoveredPartition recovered) {
        return new PartitionLog(channel, partition, directory, settings, policy, commit, recovered);
    }

    /** The partition number. */
    public int partition() {
        return partition;
    }

    /** The channel's name. */
    public String channel() {
        return channel;
    }

    /** The partition's directory. */
    public Path directory() {
        return directory;
    }

    /** The shared settings. */
    public PartitionSettings settings() {
        return settings;
    }

    /**
     * Writes {@code records} (validated by the caller) as one batch with consecutive offsets and tells the
     * commit strategy; does not wait for durability, see {@link #awaitDurable}. Blocks while another
     * appender of this partition writes.
     *
     * @return the offset of the first record
     * @throws IllegalArgumentException if the batch would exceed {@link #MAX_APPEND_BYTES}
     * @throws StorageFullException     if the disk is full; nothing was written, later appends may succeed
     * @throws StorageException         if the partition failed before or the write fails
     */
    public long write(List<Append> records) {
        long size = checkedSize(BatchFormat.sizeOf(records), records.size());
        ByteBuffer batch = settings.writeBuffers().take((int) size);
        long first;
        try {
            BatchEncoder.encode(batch, records);
            batch.flip();
            lock.lock();
            try {
                first = appendLocked(batch, records.size());
            } finally {
                lock.unlock();
            }
        } finally {
            settings.writeBuffers().give(batch);
        }
        commit.onWritten(this, durableEnd, first + records.size());
        return first;
    }

    /**
     * Writes the records of {@code producerId} that this partition does not hold yet as one batch, like
     * {@link #write(List)}: those whose sequence number is above the producer's last one. The check and the
     * write happen under the partition lock, so appends of one producer are applied one after the other, and
     * the producer's state advances only once its batch is written. The caller has checked that the sequence
     * numbers strictly increase and the producer id fits {@link BatchFormat#MAX_PRODUCER_ID_BYTES}.
     *
     * @return how many records were duplicates, where the others went, and the durable end to wait for
     * @throws IllegalArgumentException if the batch would exceed {@link #MAX_APPEND_BYTES}
     * @throws StorageFullException     if the disk is full; nothing was written, later appends may succeed
     * @throws StorageException         if the partition failed before or the write fails
     */
    public ProducerWrite write(String producerId, List<SequencedAppend> records) {
        List<Append> appends = records.stream().map(SequencedAppend::record).toList();
        long lastSequence = records.getLast().sequence();
        BatchProducer producer =
                new BatchProducer(producerId, records.getFirst().sequence(), lastSequence);
        long size = checkedSize(BatchFormat.sizeOf(appends, producer), records.size());
        ByteBuffer batch = settings.writeBuffers().take((int) size);
        ProducerWrite written;
        try {
            // Encoded outside the lock on the bet that nothing is a duplicate; a replay encodes again inside.
            BatchEncoder.encode(batch, appends, producer);
            batch.flip();
            lock.lock();
            try {
                throwIfFailed();
                int duplicates = duplicates(producerId, records);
                if (duplicates == records.size()) {
                    return new ProducerWrite(
                            duplicates, -1, producers.entry(producerId).lastOffset() + 1);
                }
                if (duplicates > 0) {
                    BatchProducer rest = new BatchProducer(
                            producerId, records.get(duplicates).sequence(), lastSequence);
                    BatchEncoder.encode(batch.clear(), appends.subList(duplicates, appends.size()), rest);
                    batch.flip();
                }
                int count = records.size() - duplicates;
                long first = appendLocked(batch, count);
                producers.onWritten(new ProducerEntry(producerId, lastSequence, first + count - 1));
                written = new ProducerWrite(duplicates, first, first + count);
            } finally {
                lock.unlock();
            }
        } finally {
            settings.writeBuffers().give(batch);
        }
        commit.onWritten(this, durableEnd, written.durableEnd());
        return written;
    }

    /** How many of {@code records}, from the first, the producer has written before. Under the lock. */
    private int duplicates(String producerId, List<SequencedAppend> records) {
        long last = producers.lastSequence(producerId);
        int duplicates = 0;
        while (duplicates < records.size() && records.get(duplicates).sequence() <= last) {
            duplicates++;
        }
        return duplicates;
    }

    private long checkedSize(long size, int records) {
        if (size > MAX_APPEND_BYTES) {
            throw new IllegalArgumentException("an append of " + records + " records to " + name + " takes " + size
                    + " bytes, more than the " + MAX_APPEND_BYTES
                    + " one append may write; split it into smaller appends");
        }
        return size;
    }

    /**
     * Rolls if due, seals the encoded batch of {@code count} records at its offsets and writes it. Under the
     * lock.
     *
     * @return the offset of its first record
     */
    private long appendLocked(ByteBuffer batch, int count) {
        throwIfFailed();
        long nowMs = settings.clock().millis();
        if (shouldRoll(batch.remaining(), nowMs)) {
            roll();
        }
        long first = nextOffset;
        BatchEncoder.seal(batch, 0, first);
        appendToActive(batch, nowMs);
        nextOffset = first + count;
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
        Extent extent;
        lock.lock();
        try {
            target = nextOffset;
            segment = active;
            extent = segment.extent();
        } finally {
            lock.unlock();
        }
        Forced now = new Forced(segment, extent);
        if (failure != null || closed || (target <= durableEnd.end() && !now.isAfter(forced.get()))) {
            return;
        }
        try {
            segment.force();
            forced.accumulateAndGet(now, (old, fresh) -> fresh.isAfter(old) ? fresh : old);
            durableEnd.advanceTo(target);
        } catch (RuntimeException e) {
            // A StorageException, or any surprise: either way the parked appenders must hear of it.
            fail(e instanceof StorageException storage ? storage : new StorageException(e.toString(), e));
        }
    }

    /**
     * Writes a recovery checkpoint (and the active segment's index) for what was last forced, if that moved
     * since the last checkpoint, with the producers as of its end. Forces the active segment first when
     * many producer changes wait. Called by the log's timer; never by appenders.
     */
    public void checkpoint() {
        if (producers.pendingChanges() > MAX_PENDING_PRODUCER_CHANGES) {
            // In modes that seldom force, this bounds the producer changes held for the next checkpoint.
            flush();
        }
        checkpointLock.lock();
        try {
            Forced latest = forced.get();
            if (closed || latest == null || !latest.isAfter(checkpointed) || latest.segment() != active) {
                return;
            }
            writeCheckpoint(latest);
        } finally {
            checkpointLock.unlock();
        }
    }

    /**
     * Reads up to {@code maxRecords} durable records from {@code fromOffset} (or the start offset, if that is
     * later). Never blocks. Skips offsets compaction removed. Returns the records before a damaged batch and
     * throws only when it comes first.
     *
     * @throws dev.flows.log.DamagedRangeException if the first record to read lies in a damaged range
     * @throws StorageException                    if a segment cannot be read
     */
    public List<ChannelRecord> read(long fromOffset, int maxRecords) {
        long durable = durableEnd.end();
        long offset = Math.max(fromOffset, startOffset());
        List<ChannelRecord> records = new ArrayList<>(Math.clamp(Math.min(durable - offset, maxRecords), 0, 1024));
        ByteBuffer[] scratch = {settings.readBuffers().take(64 << 10)};
        try {
            while (records.size() < maxRecords && offset < durable) {
                DamagedRange known = damageAt(offset);
                if (known != null) {
                    if (records.isEmpty()) {
                        throw known.readFailure(offset);
                    }
                    break;
                }
                Map.Entry<Long, Segment> entry = segments.floorEntry(offset);
                if (entry == null) {
                    offset = startOffset();
                    continue;
                }
                Segment segment = entry.getValue();
                if (offset >= segment.endOffset()) {
                    Long next = segments.higherKey(offset);
                    if (next == null) {
                        break;
                    }
                    offset = next;
                    continue;
                }
                long next = readSegment(segment, offset, durable, maxRecords, records, scratch);
                if (next < 0) {
                    break;
                }
                offset = next;
            }
        } finally {
            settings.readBuffers().give(scratch[0]);
        }
        return records;
    }

    /**
     * Reads one segment's part into {@code records}.
     *
     * @return the offset to go on from; -1 when damage ended the read after records were read
     */
    private long readSegment(
            Segment segment,
            long offset,
            long durable,
            int maxRecords,
            List<ChannelRecord> records,
            ByteBuffer[] scratch) {
        try {
            return SegmentReader.read(segment, offset, durable, maxRecords, partition, records, scratch);
        } catch (SegmentDamagedException e) {
            DamagedRange range = register(e);
            if (records.isEmpty()) {
                throw range.readFailure(Math.max(offset, range.fromOffset()));
            }
            return -1;
        } catch (IOException e) {
            return afterReadFailure(segment, offset, e);
        }
    }

    /** Retries a read whose segment a cleaner closed under it; otherwise reports the failure. */
    private long afterReadFailure(Segment segment, long offset, IOException e) {
        if (closed) {
            throw new IllegalStateException(
                    "could not read " + name + " at offset " + offset + ": the log was closed; open it again to read",
                    e);
        }
        if (segments.get(segment.baseOffset()) != segment) {
            return offset;
        }
        throw new StorageException(
                "could not read " + name + " at offset " + offset + " from " + segment.file() + ": " + e
                        + "; check the disk, then read again",
                e);
    }

    /**
     * The first offset whose record timestamp is at or after {@code timestampMs}, among durable records;
     * the durable end if every record is older. A damaged batch that might hold the answer gives its first
     * offset, where a read reports the damage.
     */
    public long offsetForTime(long timestampMs) {
        long durable = durableEnd.end();
        for (Segment segment : segments.values()) {
            if (segment.baseOffset() >= durable) {
                break;
            }
            if (segment.extent().maxTimestamp() < timestampMs) {
                continue;
            }
            long found = searchTime(segment, timestampMs, durable);
            if (found >= 0) {
                return found;
            }
        }
        return durable;
    }

    private long searchTime(Segment segment, long timestampMs, long durable) {
        ByteBuffer[] scratch = {settings.readBuffers().take(64 << 10)};
        try {
            return TimeSearch.firstAtOrAfter(segment, timestampMs, durable, partition, scratch);
        } catch (SegmentDamagedException e) {
            return e.damage().fromOffset();
        } catch (IOException e) {
            if (segments.get(segment.baseOffset()) != segment && !closed) {
                return searchTime(segments.floorEntry(segment.baseOffset()).getValue(), timestampMs, durable);
            }
            throw new StorageException(
                    "could not search " + name + " by time in " + segment.file() + ": " + e
                            + "; check the disk, then try again",
                    e);
        } finally {
            settings.readBuffers().give(scratch[0]);
        }
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
     * Parks until a record at {@code offset} or beyond is durable or the timeout passes. Offsets that
     * compaction removed do not count: with only such offsets left, it waits for a new record.
     *
     * @see DurableEnd#await
     */
    public boolean awaitRecords(long offset, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        long waitFor = offset;
        while (true) {
            if (durableEnd.end() > waitFor && hasRecordFrom(offset)) {
                return true;
            }
            waitFor = Math.max(waitFor, durableEnd.end());
            long left = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
            if (!durableEnd.await(waitFor, left)) {
                return false;
            }
        }
    }

    /** Whether a durable record at {@code offset} or beyond exists (or damage a read would report). */
    private boolean hasRecordFrom(long offset) {
        if (offset >= active.baseOffset()) {
            return durableEnd.end() > offset;
        }
        try {
            return !read(offset, 1).isEmpty();
        } catch (StorageException e) {
            return true;
        }
    }

    /** Bytes of all segments. */
    public long sizeBytes() {
        long bytes = 0;
        for (Segment segment : segments.values()) {
            bytes += segment.sizeBytes();
        }
        return bytes;
    }

    /** The damaged ranges known so far, found at open or by reads. */
    public List<DamagedRange> damagedRanges() {
        return List.copyOf(damaged);
    }

    /** The segments before the active one, oldest first: what retention and compaction may touch. */
    public List<Segment> closedSegments() {
        Segment current = active;
        return segments.values().stream()
                .filter(segment -> segment.baseOffset() < current.baseOffset())
                .toList();
    }

    /**
     * Deletes the oldest segment, which must be closed: the start offset moves to the next one's base.
     * Cleaner thread only.
     */
    public void deleteOldest(Segment oldest) {
        if (oldest == active || segments.firstEntry().getValue() != oldest) {
            throw new IllegalStateException(oldest + " is not the oldest closed segment of " + name);
        }
        segments.remove(oldest.baseOffset());
        damaged.removeIf(range -> range.toOffset() <= segments.firstKey());
        oldest.close();
        try {
            settings.storage().delete(oldest.file());
            settings.storage().delete(SegmentName.indexOf(oldest.file()));
        } catch (IOException e) {
            throw new StorageException(
                    "could not delete the old segment " + oldest.file() + " of " + name + ": " + e
                            + "; its offsets are no longer served; delete the file by hand",
                    e);
        }
    }

    /** Puts {@code cleaned} in the place of the closed segment with its base offset. Cleaner thread only. */
    public void replace(Segment old, Segment cleaned) {
        if (old == active || segments.get(old.baseOffset()) != old || cleaned.baseOffset() != old.baseOffset()) {
            throw new IllegalStateException(old + " of " + name + " cannot be replaced by " + cleaned);
        }
        segments.put(cleaned.baseOffset(), cleaned);
        old.close();
    }

    /** The channel's policy. */
    public ChannelPolicy policy() {
        return policy;
    }

    /**
     * Forces the active segment, writes its index and a checkpoint, then closes every file and wakes
     * readers parked in {@link #awaitRecords}. Call once no append is running.
     *
     * @throws StorageException if the last force or checkpoint fails; the files are closed anyway
     */
    @Override
    public void close() {
        lock.lock();
        checkpointLock.lock();
        try {
            if (failure == null && !closed) {
                active.force();
                writeCheckpoint(new Forced(active, active.extent()));
            }
        } finally {
            closed = true;
            try {
                durableEnd.close();
                closeSegments();
            } finally {
                checkpointLock.unlock();
                lock.unlock();
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }

    private boolean shouldRoll(int batchBytes, long nowMs) {
        Segment current = active;
        if (current.sizeBytes() == 0) {
            return false;
        }
        long since = current.firstAppendMs();
        return current.sizeBytes() + (long) batchBytes > policy.segmentBytes()
                || (since >= 0 && nowMs - since >= policy.segmentAge().toMillis());
    }

    /**
     * Seals the active segment, forced whole with its index, and starts the next. Under the lock. The index
     * is written before the next segment exists, so a crash in between leaves a closed segment whose index
     * matches it; the checkpoint lock keeps the timer from writing a partial index over it meanwhile.
     */
    private void roll() {
        Segment old = active;
        try {
            old.force();
        } catch (StorageException e) {
            fail(e);
            throw e;
        }
        checkpointLock.lock();
        try {
            writeIndexQuietly(old, old.extent());
            Segment next = Segment.create(settings.storage(), directory, nextOffset, settings.indexIntervalBytes());
            segments.put(next.baseOffset(), next);
            active = next;
            Forced start = new Forced(next, next.extent());
            forced.set(start);
            durableEnd.advanceTo(nextOffset);
            try {
                writeCheckpoint(start);
            } catch (StorageException e) {
                // The older checkpoint stays, which is safe: the new segment is then all torn zone.
                LOG.log(Level.WARNING, e.getMessage());
            }
        } finally {
            checkpointLock.unlock();
        }
    }

    /** Writes the index of the forced part of its segment and a checkpoint for it. Under the checkpoint lock. */
    private void writeCheckpoint(Forced latest) {
        Segment segment = latest.segment();
        if (latest.extent().bytes() > 0) {
            writeIndexQuietly(segment, latest.extent());
        }
        RecoveryCheckpoint checkpoint = new RecoveryCheckpoint(
                segment.baseOffset(),
                latest.extent().bytes(),
                latest.extent().endOffset(),
                segment.firstAppendMs(),
                producers.durableThrough(latest.extent().endOffset()));
        try {
            checkpoint.write(settings.storage(), directory);
            checkpointed = latest;
        } catch (IOException e) {
            throw new StorageException(
                    "could not write the recovery checkpoint of " + name + " in " + directory + ": " + e
                            + "; check free space; the data is safe, the next open only scans more",
                    e);
        }
    }

    private void writeIndexQuietly(Segment segment, Extent extent) {
        try {
            segment.writeIndex(settings.storage(), extent);
        } catch (IOException e) {
            // Derived data: without it the next open rebuilds it. Logged, not fatal.
            LOG.log(
                    Level.WARNING,
                    "could not write the index of " + segment.file() + ": " + e
                            + "; the next open rebuilds it by scanning the segment");
        }
    }

    private void appendToActive(ByteBuffer batch, long nowMs) {
        try {
            active.append(batch, nowMs);
        } catch (StorageException e) {
            if (active.tornTail()) {
                fail(e);
            }
            throw e;
        }
    }

    private DamagedRange damageAt(long offset) {
        for (DamagedRange range : damaged) {
            if (range.contains(offset)) {
                return range;
            }
        }
        return null;
    }

    /** Records damage a read found, logging it the first time. */
    private DamagedRange register(SegmentDamagedException e) {
        DamagedRange range = new DamagedRange(
                channel,
                partition,
                e.segment().file(),
                e.damage().position(),
                e.damage().fromOffset(),
                e.damage().toOffset(),
                e.damage().reason());
        synchronized (damaged) {
            if (!damaged.contains(range)) {
                damaged.add(range);
                LOG.log(Level.WARNING, range.message());
            }
        }
        return range;
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
                            + " (restart Flows once the disk is fixed; recovery keeps every whole batch)",
                    cause);
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
}
