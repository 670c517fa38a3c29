package dev.flows.log.segment;

import dev.flows.api.error.StorageException;
import dev.flows.log.producer.ProducerEntry;
import dev.flows.log.record.BatchCheck;
import dev.flows.log.record.BatchDecoder;
import dev.flows.log.record.BatchFormat;
import dev.flows.log.record.BatchProducer;
import dev.flows.log.storage.StorageFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Walks a segment file batch by batch, CRC included, building its {@link SparseIndex} and {@link Extent}.
 * Damage before the torn zone is skipped by searching for the next valid batch (so the good data after it
 * stays readable) and reported; in the torn zone the first damage ends the scan. Stateless.
 */
public final class SegmentScanner {

    private SegmentScanner() {}

    /**
     * Scans {@code file} from the end of {@code start} (a batch boundary that {@code index} covers) to the
     * end of the file.
     *
     * @param tornFrom          the byte from which damage counts as a torn tail (the recovery checkpoint's
     *     position in the last segment); {@link Long#MAX_VALUE} for a closed segment
     * @param maxEndOffset      the offset no batch may reach past: the next segment's base, or
     *     {@link Long#MAX_VALUE}
     * @param indexIntervalBytes the bytes between index entries
     * @throws StorageException if the file cannot be read, or holds an intact batch of a newer format
     */
    public static SegmentScan scan(
            StorageFile file,
            long baseOffset,
            Extent start,
            SparseIndex index,
            long tornFrom,
            long maxEndOffset,
            int indexIntervalBytes) {
        try {
            long fileBytes = file.size();
            FileWindow window = new FileWindow(file, fileBytes, ByteBuffer.allocate(0));
            return new Walk(file, window, baseOffset, start, index, maxEndOffset, indexIntervalBytes).run(tornFrom);
        } catch (IOException e) {
            throw new StorageException(
                    "could not read segment " + file.path() + " while opening its channel: " + e
                            + "; check the disk and the file's permissions, then open the channel again",
                    e);
        }
    }

    /**
     * The batches of producers in {@code segment} whose last offsets lie in {@code [fromOffset, toOffset)},
     * found by a scan (CRC included) from the index entry at or before {@code fromOffset}: how recovery
     * rebuilds producer state its checkpoint does not hold. Damaged stretches are skipped, as a read skips
     * them; their batches cannot be read and are not deduplicated against.
     *
     * @throws StorageException if the file cannot be read, or holds an intact batch of a newer format
     */
    public static List<ProducerEntry> producers(
            Segment segment, long fromOffset, long toOffset, int indexIntervalBytes) {
        SparseIndex index = segment.index();
        int entry = index.floorByOffset(fromOffset - segment.baseOffset());
        Extent start = entry < 0
                ? Extent.empty(segment.baseOffset())
                : new Extent(index.position(entry), segment.baseOffset() + index.offsetDelta(entry), Long.MIN_VALUE);
        SegmentScan scan = scan(
                segment.storageFile(),
                segment.baseOffset(),
                start,
                new SparseIndex(),
                Long.MAX_VALUE,
                segment.endOffset(),
                indexIntervalBytes);
        return scan.producers().stream()
                .filter(found -> found.lastOffset() >= fromOffset && found.lastOffset() < toOffset)
                .toList();
    }

    /**
     * Searches {@code window} byte by byte from {@code from} for the start of a valid batch whose base
     * offset lies in {@code [minBase, maxBase)}, CRC included: where a reader resumes after damage.
     *
     * @return its position, or -1 if there is none before the end of the window's file
     */
    static long findNextBatch(FileWindow window, long from, long minBase, long maxBase) throws IOException {
        long last = window.fileBytes() - BatchFormat.COMMON_HEADER_BYTES;
        for (long q = from; q <= last; q++) {
            ByteBuffer buffer = window.cover(q, BatchFormat.COMMON_HEADER_BYTES);
            int at = window.indexOf(q);
            if (!BatchFormat.isReadable(buffer.get(at + BatchFormat.MAGIC_OFFSET))
                    || buffer.get(at + BatchFormat.ATTRIBUTES_OFFSET) != BatchFormat.KNOWN_ATTRIBUTES) {
                continue;
            }
            int length = BatchFormat.length(buffer, at);
            long base = BatchFormat.baseOffset(buffer, at);
            if (length < BatchFormat.MIN_LENGTH
                    || length > window.fileBytes() - q - BatchFormat.LENGTH_BYTES
                    || base < minBase
                    || base >= maxBase) {
                continue;
            }
            buffer = window.cover(q, length + BatchFormat.LENGTH_BYTES);
            at = window.indexOf(q);
            if (BatchDecoder.check(buffer, at, minBase, true) instanceof BatchCheck.Valid
                    && BatchFormat.endOffset(buffer, at) <= maxBase) {
                return q;
            }
        }
        return -1;
    }

    /**
     * What keeps the bytes at {@code position} from being a valid batch at or after {@code minBase} that
     * ends by {@code maxEnd}; null if nothing does.
     *
     * @throws StorageException if an intact batch of a newer format is there
     */
    static String problemAt(FileWindow window, StorageFile file, long position, long minBase, long maxEnd)
            throws IOException {
        long remaining = window.fileBytes() - position;
        if (remaining < BatchFormat.LENGTH_BYTES) {
            return "only " + remaining + " bytes remain, too few for a length field";
        }
        int length = BatchFormat.length(window.cover(position, BatchFormat.LENGTH_BYTES), window.indexOf(position));
        if (length < BatchFormat.MIN_LENGTH) {
            return "its length field says " + length + ", below the minimum of " + BatchFormat.MIN_LENGTH;
        }
        if (length > remaining - BatchFormat.LENGTH_BYTES) {
            return "its length field says " + length + " bytes but only " + (remaining - BatchFormat.LENGTH_BYTES)
                    + " follow";
        }
        ByteBuffer buffer = window.cover(position, length + BatchFormat.LENGTH_BYTES);
        int at = window.indexOf(position);
        return switch (BatchDecoder.check(buffer, at, minBase, true)) {
            case BatchCheck.Valid valid ->
                BatchFormat.endOffset(buffer, at) > maxEnd
                        ? "it reaches offset " + (BatchFormat.endOffset(buffer, at) - 1)
                                + ", at or past the next segment's base " + maxEnd
                        : null;
            case BatchCheck.Corrupt corrupt -> corrupt.reason();
            case BatchCheck.Unsupported newer ->
                throw new StorageException("the batch at byte " + position + " of " + file.path()
                        + " cannot be read: " + newer.reason()
                        + ", so a newer version of Flows wrote it; run that version (or newer) on this directory");
        };
    }

    /** One scan's state. */
    private static final class Walk {
        private final StorageFile file;
        private final FileWindow window;
        private final long baseOffset;
        private final SparseIndex index;
        private final long maxEndOffset;
        private final int indexIntervalBytes;
        private final List<Damage> damages = new ArrayList<>();
        private final List<ProducerEntry> producers = new ArrayList<>();
        private Extent extent;
        private long lastEntry;

        Walk(
                StorageFile file,
                FileWindow window,
                long baseOffset,
                Extent start,
                SparseIndex index,
                long maxEndOffset,
                int indexIntervalBytes) {
            this.file = file;
            this.window = window;
            this.baseOffset = baseOffset;
            this.extent = start;
            this.index = index;
            this.maxEndOffset = maxEndOffset;
            this.indexIntervalBytes = indexIntervalBytes;
            this.lastEntry = index.count() == 0 ? 0 : index.position(index.count() - 1);
        }

        SegmentScan run(long tornFrom) throws IOException {
            long position = extent.bytes();
            while (position < window.fileBytes()) {
                String problem = problemAt(window, file, position, extent.endOffset(), maxEndOffset);
                if (problem == null) {
                    position = add(position);
                    continue;
                }
                if (position >= tornFrom) {
                    return result(Optional.of(new ScanStop(position, problem)));
                }
                long next = findNextBatch(window, position + 1, extent.endOffset(), maxBase(position));
                if (next < 0) {
                    damages.add(new Damage(position, extent.endOffset(), orUnknown(maxEndOffset), problem));
                    break;
                }
                long resumeAt = BatchFormat.baseOffset(
                        window.cover(next, BatchFormat.COMMON_HEADER_BYTES), window.indexOf(next));
                damages.add(new Damage(position, extent.endOffset(), resumeAt, problem));
                index.add((int) (resumeAt - baseOffset), (int) next, extent.maxTimestamp());
                lastEntry = next;
                position = next;
            }
            return result(Optional.empty());
        }

        /** Adds the valid batch at {@code position} and returns where the next one starts. */
        private long add(long position) throws IOException {
            ByteBuffer buffer = window.cover(position, BatchFormat.COMMON_HEADER_BYTES);
            int size = BatchFormat.size(buffer, window.indexOf(position));
            buffer = window.cover(position, size);
            int at = window.indexOf(position);
            BatchProducer producer = BatchFormat.producer(buffer, at);
            if (!producer.isNone()) {
                producers.add(new ProducerEntry(
                        producer.producerId(), producer.lastSequence(), BatchFormat.endOffset(buffer, at) - 1));
            }
            if (position - lastEntry >= indexIntervalBytes) {
                index.add(
                        (int) (BatchFormat.baseOffset(buffer, at) - baseOffset), (int) position, extent.maxTimestamp());
                lastEntry = position;
            }
            long end = position + size;
            extent = new Extent(
                    Math.toIntExact(end),
                    BatchFormat.endOffset(buffer, at),
                    Math.max(extent.maxTimestamp(), BatchFormat.maxTimestamp(buffer, at)));
            return end;
        }

        /** The largest base offset a batch after the damage at {@code position} can have, plus one. */
        private long maxBase(long position) {
            if (maxEndOffset != Long.MAX_VALUE) {
                return maxEndOffset;
            }
            // The last segment is never compacted: each offset after the damage takes at least one byte.
            return extent.endOffset() + (window.fileBytes() - position);
        }

        private static long orUnknown(long maxEndOffset) {
            return maxEndOffset == Long.MAX_VALUE ? Damage.UNKNOWN_END : maxEndOffset;
        }

        private SegmentScan result(Optional<ScanStop> tornTail) {
            return new SegmentScan(
                    extent, index, window.fileBytes(), List.copyOf(damages), tornTail, List.copyOf(producers));
        }
    }
}
