package dev.flows.log.segment;

import dev.flows.api.channel.ChannelRecord;
import dev.flows.log.record.BatchProducer;
import java.util.List;

/**
 * One batch as read back from a segment, records decoded.
 *
 * @param baseOffset      the first offset it covers
 * @param lastOffsetDelta the last offset it covers minus the base
 * @param maxTimestamp    its largest record timestamp, as stored
 * @param records         its records, in offset order; may be fewer than it covers, or none
 * @param producer        its producer fields, {@link BatchProducer#NONE} if it has none
 */
public record StoredBatch(
        long baseOffset, int lastOffsetDelta, long maxTimestamp, List<ChannelRecord> records, BatchProducer producer) {

    /** The offset after the last one it covers. */
    public long endOffset() {
        return baseOffset + lastOffsetDelta + 1;
    }
}
