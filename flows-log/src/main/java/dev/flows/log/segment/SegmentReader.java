package dev.flows.log.segment;

import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.error.StorageException;
import dev.flows.log.record.RecordCheck;
import dev.flows.log.record.RecordDecoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a run of indexed records of one segment with a single positional read and checks each (CRC,
 * version, offset) before it is served. Stateless and thread-safe.
 */
final class SegmentReader {

    /** The most bytes one read fetches, unless a single record is larger. */
    static final int MAX_READ_BYTES = 1 << 20;

    private SegmentReader() {}

    static List<ChannelRecord> read(
            Segment segment, FileChannel channel, OffsetIndex index, long fromOffset, long toOffset, int partition) {
        int first = (int) (fromOffset - segment.baseOffset());
        int end = lastFitting(index, first, (int) (toOffset - segment.baseOffset()));
        int start = index.position(first);
        ByteBuffer buffer = ByteBuffer.allocate(index.position(end) - start);
        try {
            Segment.readFully(channel, segment.file(), buffer, start);
        } catch (IOException e) {
            throw readFailure(segment, fromOffset, start, e);
        }
        List<ChannelRecord> records = new ArrayList<>(end - first);
        for (int i = first; i < end; i++) {
            int at = index.position(i) - start;
            long offset = segment.baseOffset() + i;
            String problem = switch (RecordDecoder.check(buffer, at, offset, true)) {
                case RecordCheck.Valid valid -> null;
                case RecordCheck.Corrupt corrupt -> corrupt.reason();
                case RecordCheck.Unsupported newer -> newer.reason();
            };
            if (problem != null) {
                // Serve what came before the damage; the read that starts at it throws.
                if (records.isEmpty()) {
                    throw damaged(segment, offset, index.position(i), problem);
                }
                return records;
            }
            records.add(RecordDecoder.decode(buffer, at, partition));
        }
        return records;
    }

    /** The largest record number up to {@code limit} whose run from {@code first} fits the read size. */
    private static int lastFitting(OffsetIndex index, int first, int limit) {
        int start = index.position(first);
        int low = first + 1;
        int high = limit;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (index.position(middle) - start <= MAX_READ_BYTES) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    private static RuntimeException readFailure(Segment segment, long offset, long position, IOException e) {
        if (Segment.closedUnderneath(e)) {
            return new IllegalStateException(
                    "could not read offset " + offset + " from " + segment.file()
                            + ": the log was closed; open it again to read",
                    e);
        }
        return new StorageException(
                "could not read offset " + offset + " at byte " + position + " of " + segment.file() + ": " + e
                        + "; check the disk, then read again",
                e);
    }

    private static StorageException damaged(Segment segment, long offset, long position, String reason) {
        return new StorageException("record " + offset + " at byte " + position + " of " + segment.file()
                + " is damaged and will not be served: " + reason
                + "; restore the file from a backup, or skip the record by reading from offset " + (offset + 1));
    }
}
