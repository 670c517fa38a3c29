package dev.flows.api.channel;

import java.util.List;

/**
 * A record read from a channel.
 *
 * @param partition   0-based partition
 * @param offset      0-based offset within the partition
 * @param timestampMs as appended, epoch milliseconds
 * @param key         as appended, may be null
 * @param value       as appended; null for a tombstone
 * @param headers     as appended, never null
 */
public record ChannelRecord(
        int partition, long offset, long timestampMs, byte[] key, byte[] value, List<Header> headers) {

    public ChannelRecord {
        headers = headers == null ? List.of() : List.copyOf(headers);
    }

    /** A record without headers. */
    public ChannelRecord(int partition, long offset, long timestampMs, byte[] key, byte[] value) {
        this(partition, offset, timestampMs, key, value, List.of());
    }
}
