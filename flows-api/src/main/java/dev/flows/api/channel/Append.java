package dev.flows.api.channel;

import java.util.List;

/**
 * One record to append to a channel.
 *
 * @param key         decides the partition (same key, same partition, kept in order); null spreads records.
 *                    On a compacted channel, the key whose latest value is kept
 * @param value       the record's bytes (an encoded event); null is a tombstone, which on a compacted channel
 *                    deletes the key
 * @param timestampMs when the record was appended or the event happened, epoch milliseconds; the time index
 *                    and time-based retention use it
 * @param headers     record headers, never null
 */
public record Append(byte[] key, byte[] value, long timestampMs, List<Header> headers) {

    public Append {
        headers = headers == null ? List.of() : List.copyOf(headers);
    }

    /** A record without headers. */
    public Append(byte[] key, byte[] value, long timestampMs) {
        this(key, value, timestampMs, List.of());
    }
}
