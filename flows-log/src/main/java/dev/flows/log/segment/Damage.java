package dev.flows.log.segment;

/**
 * A stretch of a segment that holds no valid batch, found by a scan or a read.
 *
 * @param position   the first byte that is not part of a valid batch
 * @param fromOffset the first offset that cannot be read: the end of the last valid batch before
 * @param toOffset   the offset where valid data resumes (the base of the next valid batch, or the next
 *     segment's base); {@link #UNKNOWN_END} when nothing valid follows in a segment whose end is not known
 * @param reason     what was found at {@code position}, for a message that names the file separately
 */
public record Damage(long position, long fromOffset, long toOffset, String reason) {

    /** The {@link #toOffset()} of damage that runs to the end of the last segment. */
    public static final long UNKNOWN_END = Long.MAX_VALUE;
}
