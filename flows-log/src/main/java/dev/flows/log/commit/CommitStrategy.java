package dev.flows.log.commit;

/**
 * Decides when written records count as durable, so that their appends are acknowledged and readers see
 * them. Appenders call {@link #onWritten} and then park on the partition's {@link DurableEnd} until it
 * reaches their records. Implementations are thread-safe.
 */
public interface CommitStrategy extends AutoCloseable {

    /**
     * Called by an appender after it wrote records up to {@code writtenEnd} (exclusive) and released the
     * partition lock. Never blocks.
     */
    void onWritten(FlushTarget partition, DurableEnd end, long writtenEnd);

    /** Makes durable what was written before and releases any thread of its own. */
    @Override
    void close();
}
