package dev.flows.log.commit;

/**
 * Acknowledges an append as soon as it is written to the operating system's page cache: the {@code OS}
 * durability. Survives a crash of the process, not of the machine. Stateless.
 */
public final class PageCacheCommitStrategy implements CommitStrategy {

    @Override
    public void onWritten(FlushTarget partition, DurableEnd end, long writtenEnd) {
        end.advanceTo(writtenEnd);
    }

    @Override
    public void close() {
        // Nothing is pending: every append was durable (in this mode's sense) when it returned.
    }
}
