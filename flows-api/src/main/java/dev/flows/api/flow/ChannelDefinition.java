package dev.flows.api.flow;

import java.util.Objects;

/**
 * A channel the user declared: a durable, partitioned topic. Events with the same key stay in order in
 * one partition.
 *
 * @param name       lower-case letters, digits, '.', '-' and '_', starting with a letter
 * @param partitions at least 1; fixed once the channel exists on disk
 */
public record ChannelDefinition(String name, int partitions, SourceLocation location) {

    /** The channel every destination gives up to unless its flow names another. */
    public static final String DEAD_LETTER = "flows.dead-letter";

    public ChannelDefinition {
        Objects.requireNonNull(name, "name");
        if (partitions < 1) {
            throw new IllegalArgumentException("channel '" + name + "' needs at least 1 partition, was " + partitions);
        }
    }
}
