package dev.flows.bench.w1;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelRecord;
import java.time.Duration;
import java.util.List;

/**
 * The latency run's reader of one partition: parks in {@link Channel#awaitRecords} until records are
 * durable, reads them and notes when they arrived. Runs on its own thread until the round is finished.
 */
final class PartitionConsumer {

    /** How often a parked consumer looks whether the round is over. */
    private static final Duration POLL = Duration.ofMillis(50);

    private final Channel channel;
    private final int partition;
    private final LatencyRound round;

    PartitionConsumer(Channel channel, int partition, LatencyRound round) {
        this.channel = channel;
        this.partition = partition;
        this.round = round;
    }

    /** Reads until the round is finished. */
    void run() throws InterruptedException {
        long offset = channel.startOffset(partition);
        while (!round.finished()) {
            if (!channel.awaitRecords(partition, offset, POLL)) {
                round.checkDrainTimeout();
                continue;
            }
            List<ChannelRecord> records = channel.read(partition, offset, ReadPhase.READ_RECORDS);
            long nowNs = System.nanoTime();
            if (!records.isEmpty()) {
                long first = records.getFirst().offset();
                round.onReceived(partition, first, records.size(), nowNs);
                offset = first + records.size();
            }
        }
    }
}
