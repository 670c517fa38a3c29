package dev.flows.log.recovery;

import dev.flows.log.producer.ProducerEntry;
import dev.flows.log.producer.ProducerState;
import dev.flows.log.segment.Segment;
import dev.flows.log.segment.SegmentScanner;
import java.util.List;

/**
 * Rebuilds a partition's producer state at open: the checkpoint's producers, which describe the offsets
 * below its end, then the producer batches recovery's scan of the last segment found at or after that end.
 * Where the scan started later than the checkpoint's end (its index was written, the checkpoint not), the
 * batches in between are scanned too. A checkpoint that is missing, unusable, or ends past the valid data
 * (the disk lost what it recorded as forced) is not trusted: every segment is scanned instead. So the
 * state never holds a batch that is not in the log, a torn tail's least of all. Stateless.
 */
final class ProducerRecovery {

    private ProducerRecovery() {}

    /** The producer state at the end of {@code segments}, whose last one {@code tail} describes. */
    static ProducerState recover(List<Segment> segments, TailScan tail, int indexIntervalBytes) {
        ProducerState state = new ProducerState();
        long from = segments.getFirst().baseOffset();
        RecoveryCheckpoint known = tail.checkpoint();
        if (known != null && known.endOffset() <= tail.validEnd()) {
            known.producers().forEach(state::apply);
            from = known.endOffset();
        }
        if (from < tail.scannedFrom()) {
            for (Segment segment : segments) {
                if (segment.endOffset() > from && segment.baseOffset() < tail.scannedFrom()) {
                    SegmentScanner.producers(segment, from, tail.scannedFrom(), indexIntervalBytes)
                            .forEach(state::apply);
                }
            }
        }
        for (ProducerEntry entry : tail.producers()) {
            if (entry.lastOffset() >= from) {
                state.apply(entry);
            }
        }
        return state;
    }
}
