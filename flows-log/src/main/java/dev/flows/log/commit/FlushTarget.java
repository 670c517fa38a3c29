package dev.flows.log.commit;

/**
 * Something a commit strategy forces to disk on request: a partition with records not forced yet (by the
 * {@link Flusher} in {@code fsync} mode, by a timer in {@code interval} mode).
 */
@FunctionalInterface
public interface FlushTarget {

    /**
     * Forces everything written so far to disk and advances the durable end. Runs on the flusher thread.
     * Must not throw: a failure is recorded where the waiting appenders will find it.
     */
    void flush();
}
