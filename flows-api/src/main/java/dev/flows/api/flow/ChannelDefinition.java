package dev.flows.api.flow;

import dev.flows.api.channel.ChannelPolicy;
import java.util.Objects;

/**
 * A channel the user declared: a durable, partitioned topic. Events with the same key stay in order in
 * one partition.
 *
 * @param name       lower-case letters, digits, '.', '-' and '_', starting with a letter
 * @param partitions at least 1; fixed once the channel exists on disk
 * @param policy     durability, segments, retention, compaction and queue settings
 * @param ingest     what HTTP ingest checks before appending: schema, dedupe, rate limit, browser origins
 * @param location   where it was declared
 */
public record ChannelDefinition(
        String name, int partitions, ChannelPolicy policy, IngestPolicy ingest, SourceLocation location) {

    /** The channel every destination gives up to unless its flow names another. */
    public static final String DEAD_LETTER = "flows.dead-letter";

    /** The channel Flows publishes its own events on (flows started, stopped, failed; dead letters; ...). */
    public static final String SYSTEM = "flows.system";

    /** The channel notification sinks record every delivery attempt on ({@code flows.delivery.attempted}). */
    public static final String DELIVERIES = "flows.deliveries";

    public ChannelDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(ingest, "ingest");
        if (partitions < 1) {
            throw new IllegalArgumentException("channel '" + name + "' needs at least 1 partition, was " + partitions);
        }
    }

    /** A channel with the given policy and no ingest checks. */
    public ChannelDefinition(String name, int partitions, ChannelPolicy policy, SourceLocation location) {
        this(name, partitions, policy, IngestPolicy.NONE, location);
    }

    /** A channel with the default policy and no ingest checks. */
    public ChannelDefinition(String name, int partitions, SourceLocation location) {
        this(name, partitions, ChannelPolicy.DEFAULT, IngestPolicy.NONE, location);
    }
}
