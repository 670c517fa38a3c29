package dev.flows.log.model;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.Header;
import dev.flows.api.channel.Position;
import dev.flows.log.partition.KeyPartitioner;
import dev.flows.log.queue.DeadLetterHeaders;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the channel under test, its consumer groups and its dead-letter channel should hold. Keyed records
 * go where Kafka's partitioner sends them; records without a key go round-robin, the turn starting over
 * when the log opens. One append writes one batch per partition it touches. Not thread-safe.
 */
final class ChannelModel {

    /** How many dead letters a redrive reads, and so appends, at a time. */
    private static final int REDRIVE_BATCH = 500;

    private final PartitionModel[] partitions;
    private final Map<String, TreeMap<Integer, Long>> committed = new HashMap<>();
    private final List<ChannelRecord> deadLetters = new ArrayList<>();
    private int unkeyed;
    private int redriven;

    ChannelModel(ModelSetup setup) {
        partitions = new PartitionModel[setup.partitions()];
        for (int p = 0; p < partitions.length; p++) {
            partitions[p] = new PartitionModel(p, setup.policy());
        }
        for (String group : ModelSetup.GROUPS) {
            committed.put(group, new TreeMap<>());
        }
    }

    int partitions() {
        return partitions.length;
    }

    PartitionModel partition(int partition) {
        return partitions[partition];
    }

    /** Appends {@code records} at clock time {@code nowMs}; returns their positions, in order. */
    List<Position> append(List<Append> records, long nowMs) {
        int[] partitionOf = new int[records.size()];
        List<List<Append>> parts = new ArrayList<>();
        for (int p = 0; p < partitions.length; p++) {
            parts.add(new ArrayList<>());
        }
        int[] rank = new int[records.size()];
        for (int i = 0; i < records.size(); i++) {
            partitionOf[i] = partitionFor(records.get(i).key());
            rank[i] = parts.get(partitionOf[i]).size();
            parts.get(partitionOf[i]).add(records.get(i));
        }
        long[] first = new long[partitions.length];
        for (int p = 0; p < partitions.length; p++) {
            if (!parts.get(p).isEmpty()) {
                first[p] = partitions[p].append(parts.get(p), nowMs);
            }
        }
        List<Position> positions = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            positions.add(new Position(partitionOf[i], first[partitionOf[i]] + rank[i]));
        }
        return positions;
    }

    /** Commits a group's offset. */
    void commit(String group, int partition, long offset) {
        committed.get(group).put(partition, offset);
    }

    /** A group's committed offsets, by partition. */
    Map<Integer, Long> committed(String group) {
        return Map.copyOf(committed.get(group));
    }

    /** Appends dead letters, stamped as given, to the dead-letter channel (one partition). */
    void deadLetter(List<Append> records) {
        for (Append record : records) {
            deadLetters.add(new ChannelRecord(
                    0, deadLetters.size(), record.timestampMs(), record.key(), record.value(), record.headers()));
        }
    }

    /** What the dead-letter channel holds. */
    List<ChannelRecord> deadLetters() {
        return List.copyOf(deadLetters);
    }

    /**
     * Appends the dead letters not redriven yet back to the channel, without their dead-letter headers and
     * stamped {@code nowMs}, one append per {@value #REDRIVE_BATCH} read; returns how many.
     */
    int redrive(long nowMs) {
        int count = deadLetters.size() - redriven;
        while (redriven < deadLetters.size()) {
            int to = Math.min(deadLetters.size(), redriven + REDRIVE_BATCH);
            List<Append> appends = new ArrayList<>();
            for (ChannelRecord deadLetter : deadLetters.subList(redriven, to)) {
                appends.add(new Append(deadLetter.key(), deadLetter.value(), nowMs, userHeaders(deadLetter.headers())));
            }
            append(appends, nowMs);
            redriven = to;
        }
        return count;
    }

    /** The log opened again: the round-robin turn of records without a key starts over. */
    void restart() {
        unkeyed = 0;
    }

    /** Applies retention at clock time {@code nowMs} to every partition. */
    void retain(long nowMs) {
        for (PartitionModel partition : partitions) {
            partition.retain(nowMs);
        }
    }

    /** {@code headers} without any dead-letter header. */
    static List<Header> userHeaders(List<Header> headers) {
        return headers.stream()
                .filter(header -> !header.key().startsWith(DeadLetterHeaders.PREFIX))
                .toList();
    }

    private int partitionFor(byte[] key) {
        int hash = key == null ? unkeyed++ : KeyPartitioner.murmur2(key);
        return (hash & 0x7fffffff) % partitions.length;
    }
}
