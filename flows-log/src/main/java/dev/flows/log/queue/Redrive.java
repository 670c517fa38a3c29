package dev.flows.log.queue;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.log.group.DurableConsumerGroup;
import dev.flows.log.queue.DeadLetterHeaders.Origin;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Moves a queue's dead letters back to its channel. How far it has read the dead-letter channel is a
 * {@link DurableConsumerGroup} in the queue's directory, committed before each batch is appended: so each
 * dead letter is redriven at most once, and a crash between the commit and the append leaves that batch in
 * the dead-letter channel, not redriven (a later redrive does not retry it; append it by hand). Not
 * thread-safe: {@link DurableQueue} serialises calls.
 */
final class Redrive implements AutoCloseable {

    /** The group's file name in the queue's directory. */
    static final String FILE_NAME = "redrive.offsets";

    /** The group's name, in messages. */
    static final String GROUP = "redrive";

    private static final int BATCH = 500;

    private final Path file;
    private final Origin origin;
    private final Channel target;
    private final Supplier<Channel> deadLetter;
    private final Clock clock;
    private DurableConsumerGroup group;

    Redrive(Path directory, Origin origin, Channel target, Supplier<Channel> deadLetter, Clock clock) {
        this.file = directory.resolve(FILE_NAME);
        this.origin = origin;
        this.target = target;
        this.deadLetter = deadLetter;
        this.clock = clock;
    }

    /** Appends the queue's dead letters written since the last run back to its channel; returns how many. */
    long run() {
        Channel source = deadLetter.get();
        if (group == null) {
            group = DurableConsumerGroup.open(file, GROUP, source.partitions());
        }
        long redriven = 0;
        for (int p = 0; p < source.partitions(); p++) {
            redriven += run(source, p, source.endOffset(p));
        }
        return redriven;
    }

    private long run(Channel source, int partition, long end) {
        long redriven = 0;
        long from = Math.max(group.committed(partition).orElse(0), source.startOffset(partition));
        while (from < end) {
            List<ChannelRecord> batch = source.read(partition, from, (int) Math.min(BATCH, end - from));
            if (batch.isEmpty()) {
                break;
            }
            List<Append> appends = new ArrayList<>();
            for (ChannelRecord record : batch) {
                if (DeadLetterHeaders.from(record, origin)) {
                    appends.add(DeadLetterHeaders.redriven(record, clock.millis()));
                }
            }
            from = batch.getLast().offset() + 1;
            group.commit(partition, from);
            if (!appends.isEmpty()) {
                target.append(appends);
                redriven += appends.size();
            }
        }
        return redriven;
    }

    @Override
    public void close() {
        if (group != null) {
            group.close();
        }
    }
}
