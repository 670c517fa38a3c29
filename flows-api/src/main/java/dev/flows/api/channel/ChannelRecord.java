package dev.flows.api.channel;

/**
 * A record read from a channel.
 *
 * @param partition   0-based partition
 * @param offset      0-based offset within the partition
 * @param timestampMs as appended, epoch milliseconds
 * @param key         as appended, may be null
 * @param value       as appended
 */
public record ChannelRecord(int partition, long offset, long timestampMs, byte[] key, byte[] value) {}
