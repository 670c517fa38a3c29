package dev.flows.bench.w1;

import dev.flows.api.channel.Channel;
import dev.flows.bench.event.Events;
import dev.flows.bench.measure.Latency;
import java.time.Duration;
import java.time.InstantSource;

/**
 * W1's latency half: a {@link PacedProducer} offers a fixed rate to a fresh channel while a
 * {@link PartitionConsumer} per partition waits for records; latency is receipt time minus the time the
 * record's append was due. The events are the input's, from the first, again from the first if the run needs
 * more. Stateless.
 */
final class LatencyPhase {

    private LatencyPhase() {}

    /** Runs the load for {@code duration} at {@code ratePerSecond} and summarises every record's latency. */
    static Latency run(Channel channel, Events events, int ratePerSecond, Duration duration, InstantSource clock) {
        LatencyRound round = new LatencyRound(channel.partitions(), PacedProducer.totalEvents(ratePerSecond, duration));
        PacedProducer producer = new PacedProducer(channel, events, ratePerSecond, duration, clock, round);
        int partitions = channel.partitions();
        Workers.run("w1-latency", partitions + 1, worker -> {
            if (worker == partitions) {
                producer.run();
            } else {
                new PartitionConsumer(channel, worker, round).run();
            }
        });
        return Latency.of(round.latenciesNs());
    }
}
