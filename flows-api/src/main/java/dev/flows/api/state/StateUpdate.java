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
     * @param value JSON bytes; null deletes the row
     */
    public record Put(String table, String key, byte[] value) {}

    /**
     * One consumer offset.
     *
     * @param nextOffset the offset the consumer reads next
     */
    public record OffsetCommit(String consumer, String channel, int partition, long nextOffset) {}
}
