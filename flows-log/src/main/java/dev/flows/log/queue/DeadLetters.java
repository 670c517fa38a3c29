package dev.flows.log.queue;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.log.queue.DeadLetterHeaders.Origin;
import dev.flows.log.queue.JournalEntry.DeadLettered;
import dev.flows.log.queue.JournalEntry.Skipped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Finds the records of a queue that have used up their deliveries and moves them to the dead-letter
 * channel. A record is appended there first and marked done after, so a crash in between dead-letters it
 * twice rather than never. Not thread-safe: {@link DurableQueue} calls it under its lock.
 */
final class DeadLetters {

    private final Channel channel;
    private final Origin origin;
    private final QueueState state;
    private final int maxDeliveries;
    private final Supplier<Channel> deadLetter;
    private final Clock clock;

    DeadLetters(
            Channel channel,
            Origin origin,
            QueueState state,
            int maxDeliveries,
            Supplier<Channel> deadLetter,
            Clock clock) {
        this.channel = channel;
        this.origin = origin;
        this.state = state;
        this.maxDeliveries = maxDeliveries;
        this.deadLetter = deadLetter;
        this.clock = clock;
    }

    /**
     * The records that nobody holds at {@code now} and that have had their last allowed delivery: it expired,
     * or it was nacked and dead-lettering failed, or a restart ended it.
     */
    List<Exhausted> exhausted(Instant now) {
        List<Exhausted> exhausted = new ArrayList<>();
        for (int p = 0; p < state.partitions(); p++) {
            for (Map.Entry<Long, InFlight> pending : state.window(p).pending().entrySet()) {
                InFlight record = pending.getValue();
                if (!record.leasedAt(now) && record.deliveries >= maxDeliveries) {
                    String error = record.lastError != null ? record.lastError : DeadLetterHeaders.EXPIRED;
                    exhausted.add(new Exhausted(p, pending.getKey(), record, error));
                }
            }
        }
        return exhausted;
    }

    /**
     * Appends the records to the dead-letter channel, then marks them done in the state and adds the entries
     * that say so to {@code entries}. Records that retention deleted meanwhile are marked skipped.
     *
     * @throws IllegalStateException if the dead-letter channel is not open; nothing changed then
     */
    void deadLetter(List<Exhausted> exhausted, List<JournalEntry> entries) {
        if (exhausted.isEmpty()) {
            return;
        }
        List<Append> appends = new ArrayList<>();
        List<JournalEntry> done = new ArrayList<>();
        for (Exhausted x : exhausted) {
            ChannelRecord record = readOne(channel, x.partition(), x.offset());
            if (record == null) {
                done.add(new Skipped(x.partition(), x.offset()));
            } else {
                appends.add(DeadLetterHeaders.deadLetter(record, origin, x.error(), x.state(), clock.millis()));
                done.add(new DeadLettered(x.partition(), x.offset()));
            }
        }
        if (!appends.isEmpty()) {
            deadLetterChannel().append(appends);
        }
        done.forEach(state::apply);
        entries.addAll(done);
    }

    /** The record at exactly {@code offset}, or null if retention deleted it. */
    static ChannelRecord readOne(Channel channel, int partition, long offset) {
        List<ChannelRecord> read = channel.read(partition, offset, 1);
        return read.isEmpty() || read.getFirst().offset() != offset ? null : read.getFirst();
    }

    private Channel deadLetterChannel() {
        Channel target = deadLetter.get();
        if (target == null) {
            throw new IllegalStateException("queue '" + origin.queue() + "' of channel '" + origin.channel()
                    + "' has records to dead-letter, but its dead-letter channel is not open; open the channel"
                    + " the policy names as deadLetter before consuming the queue");
        }
        return target;
    }

    /** A record to dead-letter, with the error to report. */
    record Exhausted(int partition, long offset, InFlight state, String error) {}
}
