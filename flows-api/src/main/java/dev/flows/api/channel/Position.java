package dev.flows.api.channel;

/**
 * Where a record was written: its partition and its offset within the partition; or, for an idempotent
 * append ({@link Channel#append(String, java.util.List)}), that the record was a duplicate and not written.
 *
 * @param partition 0-based
 * @param offset    0-based, dense within the partition; {@link #UNKNOWN_OFFSET} for a duplicate (where the
 *     original lies is not reported)
 * @param duplicate whether the record was dropped because its partition already held the producer's record
 *     with that sequence number (or a later one)
 */
public record Position(int partition, long offset, boolean duplicate) {

    /** The offset of a {@link #duplicate()}. */
    public static final long UNKNOWN_OFFSET = -1;

    /** A record written at {@code offset}. */
    public Position(int partition, long offset) {
        this(partition, offset, false);
    }

    /** A record an idempotent append dropped as a duplicate, in {@code partition}. */
    public static Position duplicateIn(int partition) {
        return new Position(partition, UNKNOWN_OFFSET, true);
    }
}
