package dev.flows.log.segment;

import dev.flows.api.channel.ChannelRecord;
import dev.flows.log.record.BatchCheck;
import dev.flows.log.record.BatchDecoder;
import dev.flows.log.record.BatchFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Walks every batch of a segment from its start, each checked (CRC included) and decoded: how compaction
 * reads a closed segment. Stateless and thread-safe.
 */
public final class SegmentBatches {

    private SegmentBatches() {}

    /**
     * Hands each batch of {@code segment}, in order, to {@code action}.
     *
     * @throws SegmentDamagedException at the first damaged batch
     * @throws IOException             if the file cannot be read
     */
    public static void forEach(Segment segment, int partition, ByteBuffer[] scratch, Consumer<StoredBatch> action)
            throws IOException {
        Extent extent = segment.extent();
        FileWindow window = new FileWindow(segment.storageFile(), extent.bytes(), scratch[0]);
        long position = 0;
        long minBase = segment.baseOffset();
        try {
            while (position < extent.bytes()) {
                String problem =
                        SegmentScanner.problemAt(window, segment.storageFile(), position, minBase, extent.endOffset());
                ByteBuffer buffer = window.buffer();
                int at = window.indexOf(position);
                List<ChannelRecord> records = new ArrayList<>();
                if (problem == null
                        && BatchDecoder.decode(
                                        buffer,
                                        at,
                                        partition,
                                        Long.MIN_VALUE,
                                        Long.MAX_VALUE,
                                        Integer.MAX_VALUE,
                                        records)
                                instanceof BatchCheck.Corrupt corrupt) {
                    problem = corrupt.reason();
                }
                if (problem != null) {
                    throw new SegmentDamagedException(segment, new Damage(position, minBase, minBase, problem));
                }
                action.accept(new StoredBatch(
                        BatchFormat.baseOffset(buffer, at),
                        buffer.getInt(at + BatchFormat.LAST_OFFSET_DELTA_OFFSET),
                        BatchFormat.maxTimestamp(buffer, at),
                        records,
                        BatchFormat.producer(buffer, at)));
                minBase = BatchFormat.endOffset(buffer, at);
                position += BatchFormat.size(buffer, at);
            }
        } finally {
            scratch[0] = window.buffer();
        }
    }
}
