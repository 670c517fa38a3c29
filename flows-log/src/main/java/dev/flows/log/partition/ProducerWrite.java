package dev.flows.log.partition;

import dev.flows.api.channel.Position;

/**
 * What an idempotent append did to one partition: the records it dropped as duplicates (always the first
 * ones, as sequence numbers increase) and where it wrote the rest.
 *
 * @param duplicates  how many of the records, from the first, were duplicates and not written
 * @param firstOffset the offset of the first record written; meaningless if none was
 * @param durableEnd  the durable end to wait for before acknowledging: past the written records, or past the
 *     originals of the duplicates if nothing was written
 */
public record ProducerWrite(int duplicates, long firstOffset, long durableEnd) {

    /** The position of the record at {@code rank} among those given for {@code partition}. */
    public Position position(int partition, int rank) {
        return rank < duplicates
                ? Position.duplicateIn(partition)
                : new Position(partition, firstOffset + rank - duplicates);
    }
}
