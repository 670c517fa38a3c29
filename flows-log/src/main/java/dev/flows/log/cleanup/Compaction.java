package dev.flows.log.cleanup;

import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.error.StorageException;
import dev.flows.log.partition.PartitionLog;
import dev.flows.log.record.BatchEncoder;
import dev.flows.log.record.BatchFormat;
import dev.flows.log.segment.Extent;
import dev.flows.log.segment.Segment;
import dev.flows.log.segment.SegmentBatches;
import dev.flows.log.segment.SegmentDamagedException;
import dev.flows.log.segment.SegmentName;
import dev.flows.log.segment.SparseIndex;
import dev.flows.log.segment.StoredBatch;
import dev.flows.log.storage.Storage;
import dev.flows.log.storage.StorageFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Compacts the closed segments of one partition by key: a record is dropped when a later record of the
 * same key exists in the closed segments, and a tombstone (null value) that is the latest of its key is
 * dropped too once it is older than the tombstone retention, so consumers had time to see the delete.
 * Records without a key are kept. Offsets never change: each batch keeps its base offset and the range it
 * covers (a segment's last batch stays even when empty, so the segment still ends where it did), and
 * reads skip the gaps. A batch keeps its producer fields too, and a producer's last batch in the closed
 * segments stays even when empty, as Kafka's cleaner keeps it: should a recovery checkpoint be lost, the
 * scan that rebuilds the producer state still finds each producer's last sequence number.
 *
 * <p>A segment is rewritten into {@code <base>.cleaned}, forced, and renamed over the old file (its index
 * deleted first, so a crash never pairs a new segment with an old index); readers of the old file retry
 * on the new one. A damaged segment is left as it is. Not thread-safe: one per partition, on the log's
 * cleaner thread. It works only when new segments were closed since its last pass, or a kept tombstone's
 * time has come.
 */
public final class Compaction {

    private static final System.Logger LOG = System.getLogger(Compaction.class.getName());

    private final PartitionLog partition;
    private long compactedThrough = -1;
    private long nextTombstoneDueMs = Long.MAX_VALUE;

    /** A compaction of {@code partition}. */
    public Compaction(PartitionLog partition) {
        this.partition = partition;
    }

    /**
     * Compacts the closed segments if anything may have become removable.
     *
     * @return how many segments were rewritten
     * @throws StorageException if a segment cannot be read or rewritten; what was swapped in stays
     */
    public int compact(long nowMs, Duration tombstoneRetention) {
        List<Segment> closed = partition.closedSegments();
        if (closed.isEmpty()) {
            return 0;
        }
        long end = closed.getLast().endOffset();
        if (end == compactedThrough && nowMs < nextTombstoneDueMs) {
            return 0;
        }
        long retentionMs = tombstoneRetention.toMillis();
        Map<ByteBuffer, Long> latest = new HashMap<>();
        Map<String, Long> lastBatchOfProducer = new HashMap<>();
        scanLatest(closed, latest, lastBatchOfProducer);
        long due = Long.MAX_VALUE;
        int rewritten = 0;
        for (Segment segment : closed) {
            Pass pass = new Pass(latest, lastBatchOfProducer, nowMs - retentionMs, retentionMs);
            try {
                if (pass.rewrite(segment)) {
                    rewritten++;
                }
            } catch (SegmentDamagedException e) {
                LOG.log(
                        Level.WARNING,
                        "not compacting " + segment.file() + " of " + partition + ": it is damaged at byte "
                                + e.damage().position() + " (" + e.damage().reason() + ")");
            }
            due = Math.min(due, pass.nextTombstoneDueMs);
        }
        compactedThrough = end;
        nextTombstoneDueMs = due;
        return rewritten;
    }

    /**
     * Finds the offset of the latest record of each key and the base offset of each producer's last batch in
     * the closed segments (skipping damaged ones).
     */
    private void scanLatest(List<Segment> closed, Map<ByteBuffer, Long> latest, Map<String, Long> lastBatchOfProducer) {
        for (Segment segment : closed) {
            try {
                forEach(segment, batch -> {
                    for (ChannelRecord record : batch.records()) {
                        if (record.key() != null) {
                            latest.put(ByteBuffer.wrap(record.key()), record.offset());
                        }
                    }
                    if (!batch.producer().isNone()) {
                        lastBatchOfProducer.put(batch.producer().producerId(), batch.baseOffset());
                    }
                });
            } catch (SegmentDamagedException e) {
                // Its records are not known; keeping older versions elsewhere is the safe side.
            }
        }
    }

    private void forEach(Segment segment, Consumer<StoredBatch> action) {
        ByteBuffer[] scratch = {partition.settings().readBuffers().take(64 << 10)};
        try {
            SegmentBatches.forEach(segment, partition.partition(), scratch, action);
        } catch (IOException e) {
            throw new StorageException(
                    "could not read " + segment.file() + " to compact " + partition + ": " + e
                            + "; check the disk; compaction tries again later",
                    e);
        } finally {
            partition.settings().readBuffers().give(scratch[0]);
        }
    }

    /** The rewrite of one segment. */
    private final class Pass {
        private final Map<ByteBuffer, Long> latest;
        private final Map<String, Long> lastBatchOfProducer;
        private final long tombstoneCutoffMs;
        private final long retentionMs;
        private long nextTombstoneDueMs = Long.MAX_VALUE;

        Pass(
                Map<ByteBuffer, Long> latest,
                Map<String, Long> lastBatchOfProducer,
                long tombstoneCutoffMs,
                long retentionMs) {
            this.latest = latest;
            this.lastBatchOfProducer = lastBatchOfProducer;
            this.tombstoneCutoffMs = tombstoneCutoffMs;
            this.retentionMs = retentionMs;
        }

        /** Rewrites {@code segment} if it holds removable records; returns whether it did. */
        boolean rewrite(Segment segment) {
            boolean[] removable = {false};
            forEach(segment, batch -> {
                for (ChannelRecord record : batch.records()) {
                    removable[0] |= !keep(record);
                }
            });
            if (!removable[0]) {
                return false;
            }
            try {
                partition.replace(segment, write(segment));
                return true;
            } catch (IOException | UncheckedIOException e) {
                throw new StorageException(
                        "could not write the compacted copy of " + segment.file() + " of " + partition + ": " + e
                                + "; the segment stays as it was; free disk space, compaction tries again later",
                        e);
            }
        }

        private boolean keep(ChannelRecord record) {
            if (record.key() == null) {
                return true;
            }
            if (latest.getOrDefault(ByteBuffer.wrap(record.key()), -1L) != record.offset()) {
                return false;
            }
            if (record.value() == null) {
                if (record.timestampMs() < tombstoneCutoffMs) {
                    return false;
                }
                nextTombstoneDueMs = Math.min(nextTombstoneDueMs, record.timestampMs() + retentionMs);
            }
            return true;
        }

        private Segment write(Segment segment) throws IOException {
            Storage storage = partition.settings().storage();
            int interval = partition.settings().indexIntervalBytes();
            Path cleaned = SegmentName.cleanedOf(segment.file());
            storage.delete(cleaned);
            SparseIndex index = new SparseIndex();
            Extent[] extent = {Extent.empty(segment.baseOffset())};
            try (StorageFile out = storage.create(cleaned)) {
                int[] lastEntry = {0};
                long segmentEnd = segment.endOffset();
                forEach(segment, batch -> {
                    List<ChannelRecord> kept = new ArrayList<>(batch.records().size());
                    batch.records().stream().filter(this::keep).forEach(kept::add);
                    if (kept.isEmpty() && batch.endOffset() != segmentEnd && !isProducersLast(batch)) {
                        return;
                    }
                    int at = extent[0].bytes();
                    if (at > 0 && at - lastEntry[0] >= interval) {
                        index.add((int) (batch.baseOffset() - segment.baseOffset()), at, extent[0].maxTimestamp());
                        lastEntry[0] = at;
                    }
                    ByteBuffer buffer =
                            ByteBuffer.allocate(BatchEncoder.sizeOfKept(batch.baseOffset(), kept, batch.producer()));
                    BatchEncoder.encodeKept(
                            buffer,
                            batch.baseOffset(),
                            batch.lastOffsetDelta(),
                            kept,
                            batch.maxTimestamp(),
                            batch.producer());
                    long maxTimestamp = kept.isEmpty() ? Long.MIN_VALUE : BatchFormat.maxTimestamp(buffer, 0);
                    write(out, buffer.flip(), at);
                    extent[0] = extent[0].plus(buffer.limit(), batch.endOffset(), maxTimestamp);
                });
                out.force();
            }
            storage.delete(SegmentName.indexOf(segment.file()));
            storage.move(cleaned, segment.file());
            Segment swapped = Segment.open(
                    storage.openReadable(segment.file()), segment.baseOffset(), extent[0], index, interval, -1);
            try {
                swapped.writeIndex(storage, extent[0]);
            } catch (IOException e) {
                LOG.log(
                        Level.WARNING,
                        "could not write the index of the compacted " + segment.file() + ": " + e
                                + "; the next open rebuilds it");
            }
            storage.forceDirectory(segment.file().getParent());
            return swapped;
        }

        private boolean isProducersLast(StoredBatch batch) {
            return !batch.producer().isNone()
                    && lastBatchOfProducer.get(batch.producer().producerId()) == batch.baseOffset();
        }

        private static void write(StorageFile out, ByteBuffer buffer, long position) {
            try {
                out.write(buffer, position);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
