package dev.flows.log.model;

import dev.flows.api.channel.ChannelPolicy;
import dev.flows.api.channel.Durability;
import java.time.Duration;

/**
 * The settings one run of the model test uses: the channel's shape and policy. Small segments, so that
 * appends roll them and retention has whole segments to delete.
 *
 * @param durability     the policy's durability: when an append returns, and which flusher runs
 * @param partitions     partitions of the channel under test
 * @param segmentBytes   the policy's segment size
 * @param segmentAge     the policy's segment age, on the test's clock
 * @param retentionAge   the policy's retention age, null to keep by age
 * @param retentionBytes the policy's retention size, -1 to keep by size
 * @param maxDeliveries  the policy's deliveries before a queue dead-letters a record
 */
record ModelSetup(
        Durability durability,
        int partitions,
        long segmentBytes,
        Duration segmentAge,
        Duration retentionAge,
        long retentionBytes,
        int maxDeliveries) {

    /** The channel under test. */
    static final String CHANNEL = "model.events";

    /** Its dead-letter channel, one partition, kept forever. */
    static final String DEAD_LETTER = "model.dead-letter";

    /** The queue under test. */
    static final String QUEUE = "work";

    /** The consumer groups under test. */
    static final String[] GROUPS = {"audit", "billing"};

    /** The queue's visibility timeout. */
    static final Duration VISIBILITY = Duration.ofSeconds(30);

    /** The policy of the channel under test. */
    ChannelPolicy policy() {
        return new ChannelPolicy(
                durability,
                segmentBytes,
                segmentAge,
                retentionAge,
                retentionBytes,
                false,
                maxDeliveries,
                VISIBILITY,
                DEAD_LETTER);
    }
}
