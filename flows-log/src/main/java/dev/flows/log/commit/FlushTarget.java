package dev.flows.log.commit;

/** Something the {@link Flusher} forces to disk on request: a partition with records not durable yet. */
@FunctionalInterface
public interface FlushTarget {

    /**
     * Forces everything written so far to disk and advances the durable end. Runs on the flusher thread.
     * Must not throw: a failure is recorded where the waiting appenders will find it.
     */
    void flush();
}
