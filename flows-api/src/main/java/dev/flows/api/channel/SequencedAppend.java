package dev.flows.api.channel;

import java.util.Objects;

/**
 * One record of an idempotent append ({@link Channel#append(String, java.util.List)}) with its producer sequence
 * number: the number the producer gives this record, the same every time it regenerates it.
 *
 * @param record   the record, never null
 * @param sequence the record's sequence number, at least 0; per partition and producer, each new record
 *     has a larger one than every record before it, with gaps allowed
 * @throws NullPointerException     if {@code record} is null
 * @throws IllegalArgumentException if {@code sequence} is negative
 */
public record SequencedAppend(Append record, long sequence) {

    public SequencedAppend {
        Objects.requireNonNull(record, "record");
        if (sequence < 0) {
            throw new IllegalArgumentException("the sequence number of a record must be at least 0, was " + sequence
                    + "; number a producer's records 0, 1, 2, ... (gaps are allowed)");
        }
    }
}
