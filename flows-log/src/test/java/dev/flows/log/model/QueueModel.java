package dev.flows.log.model;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.Header;
import dev.flows.api.channel.Lease;
import dev.flows.api.channel.QueueStats;
import dev.flows.log.queue.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the queue under test should do. Per partition: {@code next}, the first offset never delivered, and
 * the records delivered and not done yet, each with its delivery count, delivery times, lease expiry (null
 * when nobody holds it: nacked, or the log restarted) and last error; plus the acked and dead-lettered
 * totals. Rules, as {@code ChannelQueue} and {@code DurableQueue} document them: a poll first dead-letters
 * every record nobody holds that had its last allowed delivery, then leases, in turn over the partitions
 * (the turn starting one partition later each poll, and at 0 when the log opens), redeliveries in offset
 * order before records never delivered; a record retention deleted is skipped, using its turn. An ack or
 * nack takes effect only for the record's current delivery while it was not nacked (even past its expiry,
 * if nobody was given it since); a nack of the last allowed delivery dead-letters at once. Not
 * thread-safe.
 */
final class QueueModel {

    /** The queue's widest window of one partition, {@code QueueLimits.DEFAULT}. */
    private static final int MAX_WINDOW = 2000;

    /** The error a nack without one records. */
    private static final String NO_ERROR = "nacked without an error message";

    /** One record delivered and not done. */
    private static final class InFlight {
        int deliveries;
        long firstDeliveryMs;
        long lastDeliveryMs;
        Instant leaseExpiry;
        String lastError;

        boolean leasedAt(Instant now) {
            return leaseExpiry != null && now.isBefore(leaseExpiry);
        }
    }

    private final ChannelModel channel;
    private final int maxDeliveries;
    private final Duration visibility;
    private final long[] next;
    private final List<TreeMap<Long, InFlight>> pending = new ArrayList<>();
    private long acked;
    private long deadLettered;
    private long skipped;
    private int pollCursor;

    QueueModel(ChannelModel channel, ModelSetup setup) {
        this.channel = channel;
        this.maxDeliveries = setup.maxDeliveries();
        this.visibility = ModelSetup.VISIBILITY;
        this.next = new long[channel.partitions()];
        for (int p = 0; p < channel.partitions(); p++) {
            pending.add(new TreeMap<>());
        }
    }

    /** What a poll for up to {@code max} records at {@code now} leases, in the order handed out. */
    List<Lease> poll(int max, Instant now) {
        deadLetterExhausted(now);
        int partitions = channel.partitions();
        List<List<Long>> again = new ArrayList<>();
        long[] fresh = new long[partitions];
        long[] ends = new long[partitions];
        for (int p = 0; p < partitions; p++) {
            again.add(redeliverable(p, now, max));
            ends[p] = channel.partition(p).endOffset();
            long start = pending.get(p).isEmpty() ? next[p] : pending.get(p).firstKey();
            fresh[p] = Math.max(0, Math.min(ends[p], start + MAX_WINDOW) - next[p]);
        }
        int[] againTaken = new int[partitions];
        long[] freshTaken = new long[partitions];
        int turn = pollCursor;
        pollCursor = (pollCursor + 1) % partitions;
        for (int taken = 0, idle = 0; taken < max && idle < partitions; turn++) {
            int p = turn % partitions;
            if (againTaken[p] < again.get(p).size()) {
                againTaken[p]++;
            } else if (freshTaken[p] < fresh[p]) {
                freshTaken[p]++;
            } else {
                idle++;
                continue;
            }
            idle = 0;
            taken++;
        }
        List<Lease> leases = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            for (long offset : again.get(p).subList(0, againTaken[p])) {
                ChannelRecord record = channel.partition(p).record(offset);
                if (record == null) {
                    pending.get(p).remove(offset);
                    skipped++;
                } else {
                    leases.add(lease(record, now));
                }
            }
            if (freshTaken[p] > 0) {
                List<ChannelRecord> records = channel.partition(p).read(next[p], (int) freshTaken[p]);
                if (records.isEmpty()) {
                    next[p] = Math.max(next[p], ends[p]);
                }
                records.forEach(record -> leases.add(lease(record, now)));
            }
        }
        return leases;
    }

    /** Whether an ack of {@code lease} takes effect. */
    boolean ack(Lease lease) {
        InFlight owner = owner(lease);
        if (owner == null) {
            return false;
        }
        pending.get(lease.record().partition()).remove(lease.record().offset());
        acked++;
        return true;
    }

    /** Whether a nack of {@code lease} at {@code now} takes effect; dead-letters after the last delivery. */
    boolean nack(Lease lease, String error, Instant now) {
        InFlight owner = owner(lease);
        if (owner == null) {
            return false;
        }
        String text = error == null ? NO_ERROR : error;
        if (owner.deliveries >= maxDeliveries) {
            List<Append> deadLetters = new ArrayList<>();
            deadLetter(lease.record().partition(), lease.record().offset(), owner, text, now, deadLetters);
            channel.deadLetter(deadLetters);
        } else {
            owner.leaseExpiry = null;
            owner.lastError = text;
        }
        return true;
    }

    /** What the queue reports at {@code now}. */
    QueueStats stats(Instant now) {
        long ready = 0;
        long leased = 0;
        for (int p = 0; p < channel.partitions(); p++) {
            PartitionModel partition = channel.partition(p);
            ready += Math.max(0, partition.endOffset() - Math.max(next[p], partition.startOffset()));
            for (InFlight record : pending.get(p).values()) {
                if (record.leasedAt(now)) {
                    leased++;
                } else {
                    ready++;
                }
            }
        }
        return new QueueStats(ready, leased, acked, deadLettered);
    }

    /** How many in-flight records were dropped because retention deleted them first. */
    long skipped() {
        return skipped;
    }

    /** The log opened again: every lease is void, and the turn over partitions starts at 0. */
    void restart() {
        pending.forEach(records -> records.values().forEach(record -> record.leaseExpiry = null));
        pollCursor = 0;
    }

    /** Dead-letters, in partition then offset order and in one append, what nobody holds and is used up. */
    private void deadLetterExhausted(Instant now) {
        List<Append> deadLetters = new ArrayList<>();
        for (int p = 0; p < channel.partitions(); p++) {
            for (Map.Entry<Long, InFlight> entry : List.copyOf(pending.get(p).entrySet())) {
                InFlight record = entry.getValue();
                if (!record.leasedAt(now) && record.deliveries >= maxDeliveries) {
                    String error = record.lastError != null ? record.lastError : DeadLetterHeaders.EXPIRED;
                    deadLetter(p, entry.getKey(), record, error, now, deadLetters);
                }
            }
        }
        channel.deadLetter(deadLetters);
    }

    /** Marks a record done, adding its dead letter unless retention deleted it (then it is just skipped). */
    private void deadLetter(
            int partition, long offset, InFlight state, String error, Instant now, List<Append> deadLetters) {
        pending.get(partition).remove(offset);
        ChannelRecord record = channel.partition(partition).record(offset);
        if (record == null) {
            skipped++;
            return;
        }
        List<Header> headers = new ArrayList<>(ChannelModel.userHeaders(record.headers()));
        headers.add(header(DeadLetterHeaders.CHANNEL, ModelSetup.CHANNEL));
        headers.add(header(DeadLetterHeaders.QUEUE, ModelSetup.QUEUE));
        headers.add(header(DeadLetterHeaders.PARTITION, Integer.toString(partition)));
        headers.add(header(DeadLetterHeaders.OFFSET, Long.toString(offset)));
        headers.add(header(DeadLetterHeaders.ERROR, error));
        headers.add(header(DeadLetterHeaders.DELIVERIES, Integer.toString(state.deliveries)));
        headers.add(header(
                DeadLetterHeaders.FIRST_DELIVERY,
                Instant.ofEpochMilli(state.firstDeliveryMs).toString()));
        headers.add(header(
                DeadLetterHeaders.LAST_DELIVERY,
                Instant.ofEpochMilli(state.lastDeliveryMs).toString()));
        deadLetters.add(new Append(record.key(), record.value(), now.toEpochMilli(), headers));
        deadLettered++;
    }

    private List<Long> redeliverable(int partition, Instant now, int max) {
        List<Long> offsets = new ArrayList<>();
        for (Map.Entry<Long, InFlight> entry : pending.get(partition).entrySet()) {
            InFlight record = entry.getValue();
            if (offsets.size() < max && !record.leasedAt(now) && record.deliveries < maxDeliveries) {
                offsets.add(entry.getKey());
            }
        }
        return offsets;
    }

    private Lease lease(ChannelRecord record, Instant now) {
        int p = record.partition();
        InFlight state = pending.get(p).computeIfAbsent(record.offset(), offset -> new InFlight());
        state.deliveries++;
        state.firstDeliveryMs = state.deliveries == 1 ? now.toEpochMilli() : state.firstDeliveryMs;
        state.lastDeliveryMs = now.toEpochMilli();
        state.leaseExpiry = now.plus(visibility);
        state.lastError = null;
        next[p] = Math.max(next[p], record.offset() + 1);
        return new Lease(record, state.deliveries, state.leaseExpiry);
    }

    private InFlight owner(Lease lease) {
        InFlight owner =
                pending.get(lease.record().partition()).get(lease.record().offset());
        return owner != null && owner.leaseExpiry != null && owner.deliveries == lease.deliveryCount() ? owner : null;
    }

    private static Header header(String name, String value) {
        return new Header(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
