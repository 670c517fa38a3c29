package dev.flows.server.push;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Where a push subscriber stands in every partition of its channel, written as the id of each notification it
 * gets: {@code partition-offset} pairs joined by {@code .}, each the last offset passed in that partition
 * (delivered, or skipped as meant for someone else), such as {@code 0-17} or {@code 0-17.1-4.3-9}. A partition
 * the id leaves out has had nothing passed in it, so a resumed subscriber reads it from its oldest record. On
 * a one-partition channel the id is the {@code partition-offset} of the stream route.
 *
 * <p>One offset per partition is what makes resuming exact: the id of the last notification received covers
 * every partition, so nothing is skipped in one partition because another moved on. Not thread-safe: a
 * subscription guards it with its lock.
 */
public final class PushCursor {

    private static final Pattern PAIR = Pattern.compile("(\\d{1,9})-(\\d{1,18})");

    /** The next offset to read, per partition. */
    private final long[] next;

    private PushCursor(long[] next) {
        this.next = next;
    }

    /** A cursor at these next offsets, one per partition. */
    public static PushCursor at(long[] next) {
        return new PushCursor(next.clone());
    }

    /**
     * The cursor an id names, for a channel of {@code partitions} partitions.
     *
     * @throws IllegalArgumentException saying what is wrong with the id and what one looks like
     */
    public static PushCursor parse(String id, int partitions) {
        long[] next = new long[partitions];
        boolean[] seen = new boolean[partitions];
        for (String pair : id.strip().split("\\.", -1)) {
            var matcher = PAIR.matcher(pair);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("'" + pair + "' is not a partition-offset pair such as 0-17");
            }
            int partition = Integer.parseInt(matcher.group(1));
            if (partition >= partitions) {
                throw new IllegalArgumentException("it names partition " + partition
                        + ", but the channel has partitions 0 to " + (partitions - 1));
            }
            if (seen[partition]) {
                throw new IllegalArgumentException("it names partition " + partition + " twice");
            }
            seen[partition] = true;
            next[partition] = Long.parseLong(matcher.group(2)) + 1;
        }
        return new PushCursor(next);
    }

    /** The partitions of the channel. */
    public int partitions() {
        return next.length;
    }

    /** The next offset to read in {@code partition}. */
    public long next(int partition) {
        return next[partition];
    }

    /** Records that the record at {@code offset} of {@code partition} was delivered or skipped. */
    public void passed(int partition, long offset) {
        next[partition] = offset + 1;
    }

    /** Moves {@code partition} to {@code offset}, as the reader starts there (retention may have moved it on). */
    public void startAt(int partition, long offset) {
        next[partition] = offset;
    }

    /** The id of this position, as described on the class. */
    public String id() {
        StringBuilder id = new StringBuilder();
        for (int p = 0; p < next.length; p++) {
            if (next[p] > 0) {
                id.append(id.isEmpty() ? "" : ".").append(p).append('-').append(next[p] - 1);
            }
        }
        return id.toString();
    }

    @Override
    public String toString() {
        return "PushCursor" + Arrays.toString(next);
    }
}
