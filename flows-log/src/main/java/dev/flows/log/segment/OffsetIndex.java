package dev.flows.log.segment;

import java.util.Arrays;

/**
 * Where each record of one segment starts, in memory: entry {@code i} is the byte position of the
 * segment's {@code i}-th record, and entry {@code count} is the end of the last one. Rebuilt by scanning
 * at open; index files come later.
 *
 * <p>One writer (the partition's appender, under its lock) and any number of lock-free readers. A reader
 * first reads {@link #count()} and then only entries up to it: the writer fills an entry before it
 * publishes the count, and a grown array before it fills the entry, both through volatile fields.
 */
public final class OffsetIndex {

    private static final int INITIAL_CAPACITY = 64;

    private volatile int[] positions = new int[INITIAL_CAPACITY];
    private volatile int count;

    /** Adds the next record, {@code recordBytes} long, after the last one. Writer only. */
    public void add(int recordBytes) {
        int n = count;
        int[] current = positions;
        if (n + 1 == current.length) {
            current = Arrays.copyOf(current, current.length * 2);
            positions = current;
        }
        current[n + 1] = Math.addExact(current[n], recordBytes);
        count = n + 1;
    }

    /** The number of records indexed. */
    public int count() {
        return count;
    }

    /** The byte position where record {@code i} starts, or where the last ends when i equals the count. */
    public int position(int i) {
        return positions[i];
    }

    /** The bytes the indexed records take. */
    public int bytes() {
        int n = count;
        return positions[n];
    }

    /** Drops spare capacity once the segment is full. Writer only. */
    public void trim() {
        positions = Arrays.copyOf(positions, count + 1);
    }
}
