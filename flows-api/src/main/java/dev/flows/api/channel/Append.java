package dev.flows.api.channel;

/**
 * One record to append to a channel.
 *
 * @param key         decides the partition (same key, same partition, kept in order); null spreads records
 * @param value       the record's bytes (an encoded event), not null
 * @param timestampMs when the record was appended or the event happened, epoch milliseconds
 */
public record Append(byte[] key, byte[] value, long timestampMs) {}
