package dev.flows.api.state;

import java.util.List;

/**
 * Changes applied together by {@link StateStore#apply}.
 *
 * @param puts    row writes, in order (a later put of the same key wins)
 * @param offsets consumer offsets to commit
 */
public record StateUpdate(List<Put> puts, List<OffsetCommit> offsets) {

    public StateUpdate {
        puts = List.copyOf(puts);
        offsets = List.copyOf(offsets);
    }

    /**
     * One row write.
     *
     * @param value  JSON bytes; null deletes the row
     * @param logged whether the write is a change of a state table, which the store records in the table's
     *     changelog with the next change version ({@link StateStore#changes}); keyed state, checkpoints and
     *     outboxes are written unlogged
     */
    public record Put(String table, String key, byte[] value, boolean logged) {

        /** An unlogged write. */
        public Put(String table, String key, byte[] value) {
            this(table, key, value, false);
        }

        /** A change of a state table's row, recorded in its changelog; a null value deletes the row. */
        public static Put change(String table, String key, byte[] value) {
            return new Put(table, key, value, true);
        }
    }

    /**
     * One consumer offset.
     *
     * @param nextOffset the offset the consumer reads next
     */
    public record OffsetCommit(String consumer, String channel, int partition, long nextOffset) {}
}
