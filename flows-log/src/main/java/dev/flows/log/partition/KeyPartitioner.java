package dev.flows.log.partition;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Maps a record's key to a partition the way Kafka's default partitioner does for keyed records,
 * {@code (murmur2(key) & 0x7fffffff) % partitions}, so a channel moved to the Kafka backend keeps each key
 * in the same partition. Records without a key go round-robin. Thread-safe.
 */
public final class KeyPartitioner {

    private static final int SEED = 0x9747b28c;
    private static final int M = 0x5bd1e995;
    private static final int R = 24;

    private final int partitions;
    private final AtomicInteger nextUnkeyed = new AtomicInteger();

    /** A partitioner over {@code partitions} partitions, at least 1. */
    public KeyPartitioner(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        this.partitions = partitions;
    }

    /** The partition for {@code key}; a null key takes the next partition in turn. */
    public int partition(byte[] key) {
        int hash = key == null ? nextUnkeyed.getAndIncrement() : murmur2(key);
        return (hash & 0x7fffffff) % partitions;
    }

    /**
     * The 32-bit murmur2 hash of {@code data}, exactly as Kafka's {@code Utils.murmur2} computes it (seed
     * {@code 0x9747b28c}, little-endian 4-byte blocks).
     */
    public static int murmur2(byte[] data) {
        int length = data.length;
        int h = SEED ^ length;
        int blocks = length / 4;
        for (int i = 0; i < blocks; i++) {
            int b = i * 4;
            int k = (data[b] & 0xff)
                    | (data[b + 1] & 0xff) << 8
                    | (data[b + 2] & 0xff) << 16
                    | (data[b + 3] & 0xff) << 24;
            k *= M;
            k ^= k >>> R;
            k *= M;
            h *= M;
            h ^= k;
        }
        int tail = blocks * 4;
        int remaining = length - tail;
        if (remaining == 3) {
            h ^= (data[tail + 2] & 0xff) << 16;
        }
        if (remaining >= 2) {
            h ^= (data[tail + 1] & 0xff) << 8;
        }
        if (remaining >= 1) {
            h ^= data[tail] & 0xff;
            h *= M;
        }
        h ^= h >>> 13;
        h *= M;
        h ^= h >>> 15;
        return h;
    }
}
