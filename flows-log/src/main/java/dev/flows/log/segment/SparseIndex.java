package dev.flows.log.segment;

import java.util.Arrays;

/**
 * The sparse offset and time index of one segment, in memory: an entry about every
 * {@code indexIntervalBytes} of batches, each the start of a batch (its offset relative to the segment's
 * base and its byte position) with the largest record timestamp of every batch before it. A read seeks to
 * the last entry at or below its offset and walks batches from there; a search by time skips to the last
 * entry whose earlier batches are all older. The start of the segment is an implicit entry 0 at position 0.
 *
 * <p>One writer (the partition's appender under its lock, or the thread building the segment) and any
 * number of lock-free readers. A reader reads {@link #count()} first and then only entries below it: the
 * writer fills an entry before it publishes the count, and grown arrays before it fills the entry, both
 * through volatile fields; grown arrays are copies, so an old view stays valid below its count.
 */
public final class SparseIndex {

    private static final int INITIAL_CAPACITY = 16;

    /** The three columns, replaced together when they grow. */
    private record Columns(int[] offsetDeltas, int[] positions, long[] maxTimestampsBefore) {
        Columns grown() {
            int capacity = Math.max(INITIAL_CAPACITY, positions.length * 2);
            return new Columns(
                    Arrays.copyOf(offsetDeltas, capacity),
                    Arrays.copyOf(positions, capacity),
                    Arrays.copyOf(maxTimestampsBefore, capacity));
        }
    }

    private volatile Columns columns = new Columns(new int[0], new int[0], new long[0]);
    private volatile int count;

    /**
     * Adds an entry after the last one. Writer only.
     *
     * @param offsetDelta          the batch's base offset minus the segment's
     * @param position             the batch's byte position, above the last entry's
     * @param maxTimestampBefore   the largest record timestamp of every batch before it, or
     *     {@link Long#MIN_VALUE} if none
     */
    public void add(int offsetDelta, int position, long maxTimestampBefore) {
        int n = count;
        Columns current = columns;
        if (n == current.positions().length) {
            current = current.grown();
            columns = current;
        }
        current.offsetDeltas()[n] = offsetDelta;
        current.positions()[n] = position;
        current.maxTimestampsBefore()[n] = maxTimestampBefore;
        count = n + 1;
    }

    /** The number of entries. */
    public int count() {
        return count;
    }

    /** Entry {@code i}'s offset delta; {@code i} below a count read before. */
    public int offsetDelta(int i) {
        return columns.offsetDeltas()[i];
    }

    /** Entry {@code i}'s byte position. */
    public int position(int i) {
        return columns.positions()[i];
    }

    /** Entry {@code i}'s largest timestamp of the batches before it. */
    public long maxTimestampBefore(int i) {
        return columns.maxTimestampsBefore()[i];
    }

    /** The last entry whose offset delta is at most {@code offsetDelta}, or -1 for the segment's start. */
    public int floorByOffset(long offsetDelta) {
        int high = count - 1;
        Columns view = columns;
        int low = 0;
        int found = -1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (view.offsetDeltas()[middle] <= offsetDelta) {
                found = middle;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return found;
    }

    /**
     * The last entry before which every record is older than {@code timestampMs}, or -1 for the segment's
     * start: a search for the first record at or after that time may start there.
     */
    public int lastBefore(long timestampMs) {
        int high = count - 1;
        Columns view = columns;
        int low = 0;
        int found = -1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (view.maxTimestampsBefore()[middle] < timestampMs) {
                found = middle;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return found;
    }

    /** How many entries lie below byte {@code position}. */
    public int countBelow(int position) {
        int high = count;
        Columns view = columns;
        int low = 0;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (view.positions()[middle] < position) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
