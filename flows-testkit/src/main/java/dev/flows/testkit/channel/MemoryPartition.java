package dev.flows.testkit.channel;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.ChannelRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One partition of a {@link MemoryChannel}: its records, dense from offset 0, and the last sequence number
 * each idempotent producer stored here. Guarded by its channel's lock.
 */
final class MemoryPartition {

    private final int index;
    private final List<ChannelRecord> records = new ArrayList<>();
    private final Map<String, Long> lastSequence = new HashMap<>();

    MemoryPartition(int index) {
        this.index = index;
    }

    /** Adds a record at the next offset and returns it as read back. */
    ChannelRecord add(Append append) {
        ChannelRecord record = new ChannelRecord(
                index, records.size(), append.timestampMs(), append.key(), append.value(), append.headers());
        records.add(record);
        return record;
    }

    /** The last sequence number {@code producerId} stored here, or -1. */
    long lastSequence(String producerId) {
        return lastSequence.getOrDefault(producerId, -1L);
    }

    void storedSequence(String producerId, long sequence) {
        lastSequence.put(producerId, sequence);
    }

    List<ChannelRecord> read(long fromOffset, int maxRecords) {
        int from = (int) Math.min(Math.max(fromOffset, 0), records.size());
        int to = (int) Math.min((long) from + Math.max(maxRecords, 0), records.size());
        return List.copyOf(records.subList(from, to));
    }

    long endOffset() {
        return records.size();
    }

    long sizeBytes() {
        long bytes = 0;
        for (ChannelRecord record : records) {
            bytes += length(record.key()) + length(record.value());
        }
        return bytes;
    }

    long offsetForTime(long timeMs) {
        for (ChannelRecord record : records) {
            if (record.timestampMs() >= timeMs) {
                return record.offset();
            }
        }
        return records.size();
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}
