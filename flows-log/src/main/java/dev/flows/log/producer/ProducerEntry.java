package dev.flows.log.producer;

import java.util.Objects;

/**
 * What a partition knows of one producer: the sequence number of its last record and where that record
 * lies. Also the unit of change: each batch a producer writes makes one.
 *
 * @param producerId   the producer's id, not empty
 * @param lastSequence the sequence number of its last record, at least 0
 * @param lastOffset   the last offset its last batch covers: the offset of that record
 */
public record ProducerEntry(String producerId, long lastSequence, long lastOffset) {

    public ProducerEntry {
        Objects.requireNonNull(producerId, "producerId");
    }
}
