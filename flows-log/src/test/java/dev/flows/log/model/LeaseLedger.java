package dev.flows.log.model;

import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.Lease;
import dev.flows.log.queue.DeadLetterHeaders;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The queue's safety rules, checked on what the queue did without asking the model: a record is never
 * leased to two consumers at once, an acked or dead-lettered record is never delivered again, and a
 * record is dead-lettered at most once. Not thread-safe.
 *
 * @see QueueModel for the exact expected behaviour
 */
final class LeaseLedger {

    /** A record of the channel under test. */
    private record Key(int partition, long offset) {}

    private final Map<Key, Instant> leasedUntil = new HashMap<>();
    private final Set<Key> acked = new HashSet<>();
    private final Set<Key> deadLettered = new HashSet<>();

    /** Checks and notes leases handed out at {@code now}. */
    void leased(List<Lease> leases, Instant now) {
        for (Lease lease : leases) {
            Key key = key(lease.record());
            Instant until = leasedUntil.get(key);
            if (until != null && now.isBefore(until)) {
                throw new AssertionError("record " + key + " was leased again at " + now + " while an earlier lease"
                        + " held it until " + until + ": " + Shown.lease(lease));
            }
            if (acked.contains(key)) {
                throw new AssertionError(
                        "record " + key + " was delivered again after it was acked: " + Shown.lease(lease));
            }
            if (deadLettered.contains(key)) {
                throw new AssertionError(
                        "record " + key + " was delivered again after it was dead-lettered: " + Shown.lease(lease));
            }
            leasedUntil.put(key, lease.expiresAt());
        }
    }

    /** Notes an ack or nack that took effect: the lease no longer holds the record. */
    void released(Lease lease, boolean acked) {
        leasedUntil.remove(key(lease.record()));
        if (acked) {
            this.acked.add(key(lease.record()));
        }
    }

    /** Checks the dead-letter channel's content: each record of the channel under test at most once. */
    void deadLetters(List<ChannelRecord> deadLetters) {
        Set<Key> seen = new HashSet<>();
        for (ChannelRecord deadLetter : deadLetters) {
            Key key = new Key(
                    Integer.parseInt(header(deadLetter, DeadLetterHeaders.PARTITION)),
                    Long.parseLong(header(deadLetter, DeadLetterHeaders.OFFSET)));
            if (!seen.add(key)) {
                throw new AssertionError(
                        "record " + key + " was dead-lettered twice, again as " + Shown.record(deadLetter));
            }
        }
        deadLettered.addAll(seen);
    }

    /** The log restarted: every lease is void. */
    void restarted() {
        leasedUntil.clear();
    }

    private static Key key(ChannelRecord record) {
        return new Key(record.partition(), record.offset());
    }

    private static String header(ChannelRecord record, String name) {
        return DeadLetterHeaders.value(record.headers(), name)
                .orElseThrow(() -> new AssertionError("dead letter without " + name + ": " + Shown.record(record)));
    }
}
