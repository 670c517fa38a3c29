package dev.flows.log.channel;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Position;
import dev.flows.log.partition.KeyPartitioner;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ObjIntConsumer;

/**
 * One append split by partition: each record's partition and its place in that partition's part, so the
 * parts can be written one per partition and the positions handed back in the caller's order. Immutable
 * once routed.
 *
 * @param partitionOf the partition of each record, in the append's order
 * @param rank        each record's index within its partition's part
 * @param parts       the records of each partition, in the append's order; empty lists for the others
 */
record PartitionedAppend(int[] partitionOf, int[] rank, List<List<Append>> parts) {

    /** Routes {@code records} by key with {@code partitioner}, over {@code partitions} partitions. */
    static PartitionedAppend route(List<Append> records, KeyPartitioner partitioner, int partitions) {
        int[] partitionOf = new int[records.size()];
        int[] rank = new int[records.size()];
        List<List<Append>> parts = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            parts.add(new ArrayList<>());
        }
        for (int i = 0; i < records.size(); i++) {
            List<Append> part = parts.get(
                    partitionOf[i] = partitioner.partition(records.get(i).key()));
            rank[i] = part.size();
            part.add(records.get(i));
        }
        return new PartitionedAppend(partitionOf, rank, parts);
    }

    /** Calls {@code action} with each non-empty part and its partition, in partition order. */
    void forEachPart(ObjIntConsumer<List<Append>> action) {
        for (int p = 0; p < parts.size(); p++) {
            if (!parts.get(p).isEmpty()) {
                action.accept(parts.get(p), p);
            }
        }
    }

    /** The records' positions, in the append's order, given the first offset each partition gave its part. */
    List<Position> positions(long[] firstOffsets) {
        Position[] positions = new Position[partitionOf.length];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = new Position(partitionOf[i], firstOffsets[partitionOf[i]] + rank[i]);
        }
        return List.of(positions);
    }
}
