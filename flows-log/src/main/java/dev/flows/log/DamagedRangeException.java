package dev.flows.log;

import dev.flows.api.error.StorageException;

/**
 * A read met offsets whose bytes on disk are damaged: they are refused, never served. The offsets before
 * and from {@link #resumeOffset()} on stay readable; the operator should restore the file, or a consumer
 * may skip to {@link #resumeOffset()}. Not retryable.
 */
public final class DamagedRangeException extends StorageException {

    private final int partition;
    private final long fromOffset;
    private final long resumeOffset;

    /**
     * @param message      what happened, where, and what to do
     * @param partition    0-based
     * @param fromOffset   the first damaged offset
     * @param resumeOffset the first offset after the damaged range
     */
    public DamagedRangeException(String message, int partition, long fromOffset, long resumeOffset) {
        super(message);
        this.partition = partition;
        this.fromOffset = fromOffset;
        this.resumeOffset = resumeOffset;
    }

    /** The partition, 0-based. */
    public int partition() {
        return partition;
    }

    /** The first offset that cannot be read. */
    public long fromOffset() {
        return fromOffset;
    }

    /** The first offset after the damaged range, where reading can go on. */
    public long resumeOffset() {
        return resumeOffset;
    }
}
