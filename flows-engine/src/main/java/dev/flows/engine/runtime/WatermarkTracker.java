package dev.flows.engine.runtime;

import java.util.Arrays;

/**
 * Event-time progress of a task's input partitions. Each partition's watermark is the largest event time
 * seen there minus the allowed out-of-orderness; the task's watermark is the smallest of them, leaving out
 * partitions that have been silent for longer than the idle timeout (processing time) so that a quiet
 * partition does not hold every window open. It never goes back. Confined to one task's thread.
 */
final class WatermarkTracker {

    private final long maxOutOfOrderMs;
    private final long idleTimeoutMs;
    private final long[] maxSeen;
    private final long[] lastActive;
    private long current = Long.MIN_VALUE;

    /**
     * @param partitions    input partitions of the task
     * @param idleTimeoutMs 0 never leaves a partition out
     * @param nowMs         processing time at start: partitions that never see an event count as idle from it
     */
    WatermarkTracker(int partitions, long maxOutOfOrderMs, long idleTimeoutMs, long nowMs) {
        this.maxOutOfOrderMs = maxOutOfOrderMs;
        this.idleTimeoutMs = idleTimeoutMs;
        this.maxSeen = new long[partitions];
        this.lastActive = new long[partitions];
        Arrays.fill(maxSeen, Long.MIN_VALUE);
        Arrays.fill(lastActive, nowMs);
    }

    /** Notes an event of a partition. */
    void observe(int partition, long eventTime, long nowMs) {
        if (eventTime > maxSeen[partition]) {
            maxSeen[partition] = eventTime;
        }
        lastActive[partition] = nowMs;
    }

    /** The largest event time seen in a partition, or {@code Long.MIN_VALUE}; checkpointed with the offsets. */
    long maxSeen(int partition) {
        return maxSeen[partition];
    }

    /** Restores a partition's largest event time from a checkpoint. */
    void restore(int partition, long maxEventTime) {
        maxSeen[partition] = Math.max(maxSeen[partition], maxEventTime);
    }

    /**
     * The watermark now: the minimum over active partitions, never lower than before. When every partition
     * is idle it stays where it is.
     */
    long current(long nowMs) {
        long min = Long.MAX_VALUE;
        boolean anyActive = false;
        for (int p = 0; p < maxSeen.length; p++) {
            boolean idle = idleTimeoutMs > 0 && nowMs - lastActive[p] >= idleTimeoutMs;
            if (idle) {
                continue;
            }
            anyActive = true;
            long partitionMark = maxSeen[p] == Long.MIN_VALUE ? Long.MIN_VALUE : maxSeen[p] - maxOutOfOrderMs;
            min = Math.min(min, partitionMark);
        }
        if (!anyActive) {
            return current;
        }
        if (min > current) {
            current = min;
        }
        return current;
    }
}
