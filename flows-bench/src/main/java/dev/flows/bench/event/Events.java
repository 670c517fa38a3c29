package dev.flows.bench.event;

import java.util.Arrays;

/**
 * A benchmark's input held in memory: one JSON event a line, as the bytes that get appended.
 *
 * @param lines the lines in file order, without line breaks; the arrays are shared, never modified
 * @param bytes the sum of the lines' lengths
 */
public record Events(byte[][] lines, long bytes) {

    /** The number of events. */
    public int count() {
        return lines.length;
    }

    /** The first {@code count} events, or all if there are fewer; shares the line arrays. */
    public Events first(int count) {
        if (count >= lines.length) {
            return this;
        }
        byte[][] head = Arrays.copyOf(lines, count);
        long headBytes = 0;
        for (byte[] line : head) {
            headBytes += line.length;
        }
        return new Events(head, headBytes);
    }

    /** The event at {@code index}, 0-based. */
    public byte[] line(int index) {
        return lines[index];
    }
}
