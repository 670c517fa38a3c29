package dev.flows.log.segment;

import dev.flows.api.channel.ChannelRecord;
import dev.flows.log.record.BatchCheck;
import dev.flows.log.record.BatchDecoder;
import dev.flows.log.record.BatchFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Reads records of one segment: seeks with the sparse index and walks batches from there, checking each
 * batch it walks over (CRC, version, offsets within the segment's range) before trusting its header, and
 * decoding those it serves from from the buffer. Checking skipped batches too costs at most one index
 * interval of CRC, and means a damaged header can never make a read skip good records unnoticed.
 * Stateless and thread-safe.
 */
public final class SegmentReader {

    private SegmentReader() {}

    /**
     * Adds to {@code out} the records of {@code segment} whose offsets lie in {@code [from, to)}, until
     * {@code out} holds {@code maxRecords}.
     *
     * @param scratch a buffer to read into (see {@link BufferPool}); returned, possibly replaced by a larger
     * @return where to go on: {@code to} or the segment's end offset, whichever the walk reached first
     * @throws SegmentDamagedException if a batch it had to read is damaged; {@code out} then holds the
     *     records before it
     * @throws IOException             if the file cannot be read
     */
    public static long read(
            Segment segment,
            long from,
            long to,
            int maxRecords,
            int partition,
            List<ChannelRecord> out,
            ByteBuffer[] scratch)
            throws IOException {
        Extent extent = segment.extent();
        SparseIndex index = segment.index();
        int entry = index.floorByOffset(from - segment.baseOffset());
        long position = entry < 0 ? 0 : index.position(entry);
        long minBase = entry < 0 ? segment.baseOffset() : segment.baseOffset() + index.offsetDelta(entry);
        FileWindow window = new FileWindow(segment.storageFile(), extent.bytes(), scratch[0]);
        try {
            while (position < extent.bytes() && out.size() < maxRecords) {
                String problem = batchProblem(window, position, minBase, extent.endOffset());
                ByteBuffer buffer = window.buffer();
                int at = problem == null ? window.indexOf(position) : -1;
                if (problem == null && BatchFormat.baseOffset(buffer, at) >= to) {
                    return to;
                }
                if (problem == null && BatchFormat.endOffset(buffer, at) > from) {
                    problem = serve(buffer, at, partition, from, to, maxRecords, out);
                }
                if (problem != null) {
                    position = resync(window, segment, position, minBase, from, problem);
                    continue;
                }
                minBase = BatchFormat.endOffset(buffer, at);
                position += BatchFormat.size(buffer, at);
            }
            return Math.min(to, extent.endOffset());
        } finally {
            scratch[0] = window.buffer();
        }
    }

    /** Checks the batch at {@code position}, CRC included, loading it whole; null if it is sound. */
    private static String batchProblem(FileWindow window, long position, long minBase, long maxEnd) throws IOException {
        long remaining = window.fileBytes() - position;
        if (remaining < BatchFormat.COMMON_HEADER_BYTES) {
            return "only " + remaining + " bytes remain before the end its index records, too few for a batch";
        }
        int length =
                BatchFormat.length(window.cover(position, BatchFormat.COMMON_HEADER_BYTES), window.indexOf(position));
        if (length < BatchFormat.MIN_LENGTH || length > remaining - BatchFormat.LENGTH_BYTES) {
            return "its length field says " + length + " bytes, where " + (remaining - BatchFormat.LENGTH_BYTES)
                    + " remain";
        }
        ByteBuffer buffer = window.cover(position, length + BatchFormat.LENGTH_BYTES);
        int at = window.indexOf(position);
        return switch (BatchDecoder.check(buffer, at, minBase, true)) {
            case BatchCheck.Valid valid ->
                BatchFormat.endOffset(buffer, at) > maxEnd
                        ? "it reaches offset " + (BatchFormat.endOffset(buffer, at) - 1) + ", past the segment's end "
                                + maxEnd
                        : null;
            case BatchCheck.Corrupt corrupt -> corrupt.reason();
            case BatchCheck.Unsupported newer -> newer.reason() + ", so a newer version of Flows wrote it";
        };
    }

    /** Decodes the records of the checked batch at {@code at}; null or the problem. */
    private static String serve(
            ByteBuffer buffer, int at, int partition, long from, long to, int maxRecords, List<ChannelRecord> out) {
        return switch (BatchDecoder.decode(buffer, at, partition, from, to, maxRecords - out.size(), out)) {
            case BatchCheck.Valid valid -> null;
            case BatchCheck.Corrupt corrupt -> corrupt.reason();
            case BatchCheck.Unsupported newer -> newer.reason();
        };
    }

    /**
     * Finds where valid data resumes after damage at {@code position}: returns that position when the
     * damage covers no offset the read wants (the walk goes on there), and otherwise throws.
     */
    private static long resync(
            FileWindow window, Segment segment, long position, long minBase, long from, String problem)
            throws IOException {
        long endOffset = segment.extent().endOffset();
        long next = SegmentScanner.findNextBatch(window, position + 1, minBase, endOffset);
        long resumeAt = next < 0
                ? endOffset
                : BatchFormat.baseOffset(window.cover(next, BatchFormat.COMMON_HEADER_BYTES), window.indexOf(next));
        if (next >= 0 && resumeAt <= Math.max(minBase, from)) {
            return next;
        }
        throw new SegmentDamagedException(segment, new Damage(position, minBase, resumeAt, problem));
    }
}
