package dev.flows.log.model;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.ChannelPolicy;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.log.record.BatchFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * What one partition should hold: every record ever appended (its offset is its index) and the segments
 * they fill, rolled and deleted by the rules the policy documents. A segment rolls before a batch that
 * would take it past the segment size, or once its first append is a segment age old (by the clock), never
 * while empty; retention deletes the oldest closed segments, whole, while every record of the oldest is
 * older than the retention age or the partition is larger than the retention size, never the active one.
 * Not thread-safe.
 */
final class PartitionModel {

    /** One segment: where it starts and what it holds. */
    private static final class Segment {
        final long baseOffset;
        long bytes;
        long maxTimestampMs = Long.MIN_VALUE;
        long firstAppendMs = -1;

        Segment(long baseOffset) {
            this.baseOffset = baseOffset;
        }
    }

    private final int partition;
    private final ChannelPolicy policy;
    private final List<ChannelRecord> records = new ArrayList<>();
    private final List<Segment> segments = new ArrayList<>(List.of(new Segment(0)));

    PartitionModel(int partition, ChannelPolicy policy) {
        this.partition = partition;
        this.policy = policy;
    }

    /** The first offset held. */
    long startOffset() {
        return segments.getFirst().baseOffset;
    }

    /** The offset the next record gets. */
    long endOffset() {
        return records.size();
    }

    /** Bytes of every segment held. */
    long sizeBytes() {
        return segments.stream().mapToLong(segment -> segment.bytes).sum();
    }

    /** How many segments are held, the active one included. */
    int segmentCount() {
        return segments.size();
    }

    /** Appends {@code part} as one batch at clock time {@code nowMs}; returns the first offset. */
    long append(List<Append> part, long nowMs) {
        long batchBytes = BatchFormat.sizeOf(part);
        Segment active = segments.getLast();
        boolean full = active.bytes + batchBytes > policy.segmentBytes();
        boolean old = active.firstAppendMs >= 0
                && nowMs - active.firstAppendMs >= policy.segmentAge().toMillis();
        if (active.bytes > 0 && (full || old)) {
            active = new Segment(endOffset());
            segments.add(active);
        }
        long first = endOffset();
        for (Append append : part) {
            records.add(new ChannelRecord(
                    partition, endOffset(), append.timestampMs(), append.key(), append.value(), append.headers()));
            active.maxTimestampMs = Math.max(active.maxTimestampMs, append.timestampMs());
        }
        active.bytes += batchBytes;
        if (active.firstAppendMs < 0) {
            active.firstAppendMs = nowMs;
        }
        return first;
    }

    /** What a read from {@code fromOffset} of up to {@code max} records returns. */
    List<ChannelRecord> read(long fromOffset, int max) {
        long from = Math.max(fromOffset, startOffset());
        long to = Math.min(endOffset(), from + max);
        return from >= to ? List.of() : List.copyOf(records.subList((int) from, (int) to));
    }

    /** The record at {@code offset}, if still held. */
    ChannelRecord record(long offset) {
        return offset >= startOffset() && offset < endOffset() ? records.get((int) offset) : null;
    }

    /** The first held offset whose timestamp is at or after {@code timestampMs}, else the end offset. */
    long offsetForTime(long timestampMs) {
        for (long offset = startOffset(); offset < endOffset(); offset++) {
            if (records.get((int) offset).timestampMs() >= timestampMs) {
                return offset;
            }
        }
        return endOffset();
    }

    /** Applies retention at clock time {@code nowMs}. */
    void retain(long nowMs) {
        while (segments.size() > 1) {
            Segment oldest = segments.getFirst();
            boolean tooOld = policy.retentionAge() != null
                    && oldest.maxTimestampMs < nowMs - policy.retentionAge().toMillis();
            boolean tooBig = policy.retentionBytes() >= 0 && sizeBytes() > policy.retentionBytes();
            if (!tooOld && !tooBig) {
                return;
            }
            segments.removeFirst();
        }
    }
}
