package dev.flows.log.recovery;

import dev.flows.log.producer.ProducerState;
import dev.flows.log.segment.Segment;
import java.util.List;

/**
 * A partition's segments as recovery left them, ready for appends to the last one, which is forced and
 * covered by a fresh recovery checkpoint.
 *
 * @param segments   every segment in base-offset order, at least one; the last is the active one
 * @param events     what recovery found wrong and did, in file order
 * @param checkpoint the checkpoint recovery wrote
 * @param producers  the producers at the end of the segments, as the checkpoint holds them; the owner's
 */
public record RecoveredPartition(
        List<Segment> segments, List<RecoveryEvent> events, RecoveryCheckpoint checkpoint, ProducerState producers) {

    /** The damaged ranges among the events, which reads must refuse. */
    public List<DamagedRange> damagedRanges() {
        return events.stream()
                .filter(DamagedRange.class::isInstance)
                .map(DamagedRange.class::cast)
                .filter(range -> range.toOffset() > range.fromOffset())
                .toList();
    }
}
