package dev.flows.log.record;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The producer fields of a batch: who wrote it idempotently, and the sequence numbers of its first and
 * last records. {@link #NONE} for a batch of a plain append.
 *
 * @param producerId    the producer's id; empty for none
 * @param firstSequence the sequence number of the batch's first record; {@link BatchFormat#NO_SEQUENCE} for none
 * @param lastSequence  the sequence number of its last record; {@link BatchFormat#NO_SEQUENCE} for none
 */
public record BatchProducer(String producerId, long firstSequence, long lastSequence) {

    /** The fields of a batch without a producer. */
    public static final BatchProducer NONE = new BatchProducer("", BatchFormat.NO_SEQUENCE, BatchFormat.NO_SEQUENCE);

    public BatchProducer {
        Objects.requireNonNull(producerId, "producerId");
    }

    /** Whether this is {@link #NONE}: the batch has no producer. */
    public boolean isNone() {
        return producerId.isEmpty();
    }

    /** The producer id as stored, UTF-8. */
    public byte[] idBytes() {
        return producerId.getBytes(StandardCharsets.UTF_8);
    }
}
