package dev.flows.log.cleanup;

import dev.flows.api.channel.ChannelPolicy;
import dev.flows.log.partition.PartitionLog;
import dev.flows.log.segment.Segment;

/**
 * Deletes a partition's oldest closed segments, whole, once the policy no longer keeps them: when every
 * record in one is older than the retention age (by record timestamp), or while the partition is larger
 * than the retention size. Never the active segment; the start offset moves to the next segment's base.
 * Stateless; runs on the log's cleaner thread.
 */
public final class Retention {

    private Retention() {}

    /**
     * Applies {@code policy} to {@code partition} at wall-clock time {@code nowMs}.
     *
     * @return how many segments were deleted
     */
    public static int enforce(PartitionLog partition, ChannelPolicy policy, long nowMs) {
        int deleted = 0;
        for (Segment oldest : partition.closedSegments()) {
            boolean tooOld = policy.retentionAge() != null
                    && oldest.extent().maxTimestamp()
                            < nowMs - policy.retentionAge().toMillis();
            boolean tooBig = policy.retentionBytes() >= 0 && partition.sizeBytes() > policy.retentionBytes();
            if (!tooOld && !tooBig) {
                break;
            }
            partition.deleteOldest(oldest);
            deleted++;
        }
        return deleted;
    }
}
