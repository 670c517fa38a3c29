package dev.flows.log.commit;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Acknowledges an append once it is in the operating system's page cache, and forces every partition
 * written since the last tick once per {@code interval}: the {@code interval:T} durability. A process
 * crash loses nothing; a power loss loses at most what was acknowledged in the last interval. Thread-safe;
 * the forcing runs on the timer thread it is given, which nobody interrupts.
 */
public final class IntervalCommitStrategy implements CommitStrategy {

    private final Set<FlushTarget> dirty = ConcurrentHashMap.newKeySet();
    private final ScheduledFuture<?> ticks;

    /** Starts forcing every {@code interval} on {@code timer}. */
    public IntervalCommitStrategy(ScheduledExecutorService timer, Duration interval) {
        long nanos = Math.max(1, interval.toNanos());
        this.ticks = timer.scheduleAtFixedRate(this::forceDirty, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void onWritten(FlushTarget partition, DurableEnd end, long writtenEnd) {
        end.advanceTo(writtenEnd);
        dirty.add(partition);
    }

    /** Forces every partition written since the last call. Runs on the timer thread, or in tests. */
    public void forceDirty() {
        for (FlushTarget target : dirty) {
            dirty.remove(target);
            target.flush();
        }
    }

    /** Stops the ticks; closing partitions force what is left. */
    @Override
    public void close() {
        ticks.cancel(false);
    }
}
