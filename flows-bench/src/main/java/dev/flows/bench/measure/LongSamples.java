package dev.flows.bench.measure;

import java.util.Arrays;

/**
 * A growable array of longs indexed from 0, for timestamps recorded by offset. Cheaper than a histogram and
 * exact; a million samples take 8 MB. Not thread-safe: one writer, read after the writer is joined.
 */
public final class LongSamples {

    private long[] values;
    private int size;

    /** Empty, with room for {@code capacity} samples before it grows. */
    public LongSamples(int capacity) {
        values = new long[Math.max(16, capacity)];
    }

    /** Sets the sample at {@code index}, growing the array; indexes skipped over hold 0. */
    public void set(int index, long value) {
        if (index >= values.length) {
            values = Arrays.copyOf(values, Math.max(index + 1, values.length * 2));
        }
        values[index] = value;
        size = Math.max(size, index + 1);
    }

    /** The sample at {@code index}, 0 if never set. */
    public long get(int index) {
        return values[index];
    }

    /** One more than the highest index set. */
    public int size() {
        return size;
    }
}
