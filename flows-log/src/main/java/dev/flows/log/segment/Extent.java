package dev.flows.log.segment;

/**
 * How far a segment's whole batches reach: published by the writer after each append as one immutable
 * value, so a reader sees bytes, end offset and largest timestamp that belong together.
 *
 * @param bytes        bytes of whole batches from the start of the file
 * @param endOffset    the offset after the last one those batches cover; the base offset if none
 * @param maxTimestamp the largest record timestamp in them, {@link Long#MIN_VALUE} if none
 */
public record Extent(int bytes, long endOffset, long maxTimestamp) {

    /** The extent of an empty segment starting at {@code baseOffset}. */
    public static Extent empty(long baseOffset) {
        return new Extent(0, baseOffset, Long.MIN_VALUE);
    }

    /** This extent with one more batch of {@code batchBytes} ending before {@code batchEndOffset}. */
    public Extent plus(int batchBytes, long batchEndOffset, long batchMaxTimestamp) {
        return new Extent(Math.addExact(bytes, batchBytes), batchEndOffset, Math.max(maxTimestamp, batchMaxTimestamp));
    }
}
