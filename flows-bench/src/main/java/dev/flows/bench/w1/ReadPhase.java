package dev.flows.bench.w1;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.ConsumerGroup;
import dev.flows.api.error.StorageException;
import java.io.PrintWriter;
import java.util.List;

/**
 * W1's throughput half, second part: one consumer of one consumer group reads every partition from its start
 * offset to its end, partition by partition, on one thread (as one Kafka consumer assigned every partition
 * would), and commits each partition's next offset when done with it. Stateless.
 */
final class ReadPhase {

    /** Records per {@link Channel#read} call; Kafka's consumer fetches up to 50 MiB (here about 2 MB). */
    static final int READ_RECORDS = 8192;

    private ReadPhase() {}

    /** Reads everything in {@code channel} as group {@code groupName}. */
    static ReadOutcome run(Channel channel, String groupName, PrintWriter progress) {
        long startNs = System.nanoTime();
        ConsumerGroup group = group(channel, groupName, progress);
        long events = 0;
        long bytes = 0;
        for (int p = 0; p < channel.partitions(); p++) {
            long end = channel.endOffset(p);
            long offset = channel.startOffset(p);
            while (offset < end) {
                List<ChannelRecord> records = channel.read(p, offset, READ_RECORDS);
                if (records.isEmpty()) {
                    throw new StorageException("channel '" + channel.name() + "' partition " + p + " returned no"
                            + " record at offset " + offset + ", below its end offset " + end
                            + "; the log lost records it had acknowledged");
                }
                for (ChannelRecord record : records) {
                    bytes += record.value().length;
                }
                events += records.size();
                offset = records.getLast().offset() + 1;
            }
            if (group != null) {
                group.commit(p, offset);
            }
        }
        return new ReadOutcome(events, bytes, (System.nanoTime() - startNs) / 1e9);
    }

    /** The group, or null (said once on {@code progress}) while the backend has no consumer groups yet. */
    private static ConsumerGroup group(Channel channel, String name, PrintWriter progress) {
        try {
            return channel.group(name);
        } catch (UnsupportedOperationException e) {
            progress.println("W1: this log has no consumer groups yet (" + e.getMessage()
                    + "); the read-back is measured without committing offsets");
            progress.flush();
            return null;
        }
    }
}
