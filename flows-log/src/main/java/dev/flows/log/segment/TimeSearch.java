package dev.flows.log.segment;

import dev.flows.api.channel.ChannelRecord;
import dev.flows.log.record.BatchCheck;
import dev.flows.log.record.BatchDecoder;
import dev.flows.log.record.BatchFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the first record of a segment whose timestamp is at or after a time: the sparse index skips to
 * the last entry before which everything is older, batch headers skip batches whose largest timestamp is
 * older, and the first batch that may hold the answer is checked and decoded. Timestamps need not grow
 * with offsets. Stateless and thread-safe.
 */
public final class TimeSearch {

    private static final long DAMAGED = -2;

    private TimeSearch() {}

    /**
     * The offset of the first record in {@code segment} below {@code toOffset} whose timestamp is at or
     * after {@code timestampMs}, or -1 if there is none.
     *
     * @throws SegmentDamagedException if a damaged batch comes first; its range may hold the answer
     */
    public static long firstAtOrAfter(
            Segment segment, long timestampMs, long toOffset, int partition, ByteBuffer[] scratch) throws IOException {
        Extent extent = segment.extent();
        SparseIndex index = segment.index();
        int entry = index.lastBefore(timestampMs);
        long position = entry < 0 ? 0 : index.position(entry);
        long minBase = entry < 0 ? segment.baseOffset() : segment.baseOffset() + index.offsetDelta(entry);
        FileWindow window = new FileWindow(segment.storageFile(), extent.bytes(), scratch[0]);
        List<ChannelRecord> records = new ArrayList<>();
        try {
            while (position < extent.bytes()) {
                String problem =
                        SegmentScanner.problemAt(window, segment.storageFile(), position, minBase, extent.endOffset());
                if (problem != null) {
                    throw new SegmentDamagedException(segment, new Damage(position, minBase, minBase, problem));
                }
                ByteBuffer buffer = window.buffer();
                int at = window.indexOf(position);
                if (BatchFormat.baseOffset(buffer, at) >= toOffset) {
                    return -1;
                }
                if (BatchFormat.maxTimestamp(buffer, at) >= timestampMs && BatchFormat.recordCount(buffer, at) > 0) {
                    long found = first(buffer, at, timestampMs, toOffset, partition, records);
                    if (found >= 0) {
                        return found;
                    }
                    if (found == DAMAGED) {
                        throw new SegmentDamagedException(
                                segment, new Damage(position, minBase, minBase, "its records do not decode"));
                    }
                }
                minBase = BatchFormat.endOffset(buffer, at);
                position += BatchFormat.size(buffer, at);
            }
            return -1;
        } finally {
            scratch[0] = window.buffer();
        }
    }

    private static long first(
            ByteBuffer buffer, int at, long timestampMs, long toOffset, int partition, List<ChannelRecord> records) {
        records.clear();
        BatchCheck check =
                BatchDecoder.decode(buffer, at, partition, Long.MIN_VALUE, toOffset, Integer.MAX_VALUE, records);
        if (!(check instanceof BatchCheck.Valid)) {
            return DAMAGED;
        }
        for (ChannelRecord record : records) {
            if (record.timestampMs() >= timestampMs) {
                return record.offset();
            }
        }
        return -1;
    }
}
