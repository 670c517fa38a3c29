package dev.flows.api.channel;

import dev.flows.api.flow.ChannelDefinition;
import java.time.Duration;
import java.util.Objects;

/**
 * How a channel keeps its records and treats its queue consumers. Every setting has a default, so a channel
 * declared by name alone gets {@link #DEFAULT}.
 *
 * @param durability        when appends are acknowledged
 * @param segmentBytes      a segment rolls when it would grow past this size
 * @param segmentAge        a segment rolls when its first record is older than this (wall clock)
 * @param retentionAge      records older than this may be deleted, whole segments at a time; null keeps them
 * @param retentionBytes    a partition larger than this deletes its oldest segments; -1 keeps everything
 * @param compacted         keep only the latest record of each key (and drop tombstones after a while)
 * @param maxDeliveries     a queue delivers an event at most this many times before dead-lettering it
 * @param visibilityTimeout a queue redelivers an event not acked within this time
 * @param deadLetter        the channel that receives what queues give up on
 */
public record ChannelPolicy(
        Durability durability,
        long segmentBytes,
        Duration segmentAge,
        Duration retentionAge,
        long retentionBytes,
        boolean compacted,
        int maxDeliveries,
        Duration visibilityTimeout,
        String deadLetter) {

    /** fsync; 64 MiB or 7-day segments; kept forever; queues: 5 deliveries, 30 s, {@code flows.dead-letter}. */
    public static final ChannelPolicy DEFAULT = new ChannelPolicy(
            Durability.FSYNC,
            64L << 20,
            Duration.ofDays(7),
            null,
            -1,
            false,
            5,
            Duration.ofSeconds(30),
            ChannelDefinition.DEAD_LETTER);

    public ChannelPolicy {
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(segmentAge, "segmentAge");
        Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
        Objects.requireNonNull(deadLetter, "deadLetter");
        if (maxDeliveries < 1) {
            throw new IllegalArgumentException("maxDeliveries must be at least 1, was " + maxDeliveries);
        }
    }

    /** A copy with another durability. */
    public ChannelPolicy withDurability(Durability newDurability) {
        return new ChannelPolicy(
                newDurability,
                segmentBytes,
                segmentAge,
                retentionAge,
                retentionBytes,
                compacted,
                maxDeliveries,
                visibilityTimeout,
                deadLetter);
    }
}
