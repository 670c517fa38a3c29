package dev.flows.log.commit;

/**
 * Acknowledges an append once a {@link Flusher} has forced the segment past it: group commit, the
 * {@code FSYNC} durability. An acknowledged record survives a crash of the process or the machine.
 */
public final class ForceCommitStrategy implements CommitStrategy {

    private final Flusher flusher;

    /** Starts the flusher's {@code threadCount} threads, named after {@code threadName}. */
    public ForceCommitStrategy(String threadName, int threadCount) {
        this.flusher = Flusher.start(threadName, threadCount);
    }

    @Override
    public void onWritten(FlushTarget partition, DurableEnd end, long writtenEnd) {
        flusher.request(partition);
    }

    @Override
    public void close() {
        flusher.close();
    }
}
