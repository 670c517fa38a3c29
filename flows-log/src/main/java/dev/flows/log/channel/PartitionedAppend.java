package dev.flows.log.channel;

import dev.flows.api.channel.Position;
import dev.flows.log.partition.KeyPartitioner;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ObjIntConsumer;

/**
 * One append split by partition: each record's partition and its place in that partition's part, so the
 * parts can be written one per partition and the positions handed back in the caller's order. Immutable
 * once routed.
 *
 * @param partitionOf the partition of each record, in the append's order
 * @param rank        each record's index within its partition's part
 * @param parts       the records of each partition, in the append's order; empty lists for the others
 * @param <T>         the type of the records: plain or sequenced appends
 */
record PartitionedAppend<T>(int[] partitionOf, int[] rank, List<List<T>> parts) {

    /** Where a partition put the record at a rank of its part. */
    @FunctionalInterface
    interface PositionOf {
        Position at(int partition, int rank);
    }

    /** Routes {@code records} by the key {@code keyOf} gives each, with {@code partitioner}. */
    static <T> PartitionedAppend<T> route(
            List<T> records, Function<T, byte[]> keyOf, KeyPartitioner partitioner, int partitions) {
        int[] partitionOf = new int[records.size()];
        int[] rank = new int[records.size()];
        List<List<T>> parts = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            parts.add(new ArrayList<>());
        }
        for (int i = 0; i < records.size(); i++) {
            int partition = partitions == 1 ? 0 : partitioner.partition(keyOf.apply(records.get(i)));
            List<T> part = parts.get(partition);
            partitionOf[i] = partition;
            rank[i] = part.size();
            part.add(records.get(i));
        }
        return new PartitionedAppend<>(partitionOf, rank, parts);
    }

    /** Calls {@code action} with each non-empty part and its partition, in partition order. */
    void forEachPart(ObjIntConsumer<List<T>> action) {
        for (int p = 0; p < parts.size(); p++) {
            if (!parts.get(p).isEmpty()) {
                action.accept(parts.get(p), p);
            }
        }
    }

    /** The records' positions, in the append's order, as {@code positionOf} gives them. */
    List<Position> positions(PositionOf positionOf) {
        Position[] positions = new Position[partitionOf.length];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = positionOf.at(partitionOf[i], rank[i]);
        }
        return List.of(positions);
    }
}
