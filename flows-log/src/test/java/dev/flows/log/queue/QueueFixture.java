package dev.flows.log.queue;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelPolicy;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.Durability;
import dev.flows.api.channel.Header;
import dev.flows.api.channel.Lease;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.SourceLocation;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A real embedded log holding channel {@value #CHANNEL} and its dead-letter channel {@value #DEAD_LETTER},
 * and queues over it on a {@link ManualClock}, with their state outside the log directory. Restartable.
 */
final class QueueFixture implements AutoCloseable {

    static final String CHANNEL = "orders";
    static final String DEAD_LETTER = "orders.dlq";
    static final int MAX_DELIVERIES = 3;
    static final Duration VISIBILITY = Duration.ofSeconds(10);
    static final Instant START = Instant.parse("2030-01-02T03:04:05.678Z");

    /** Three deliveries, ten seconds, dead letters to {@value #DEAD_LETTER}. */
    static final ChannelPolicy POLICY = new ChannelPolicy(
            Durability.FSYNC, 64L << 20, Duration.ofDays(7), null, -1, false, MAX_DELIVERIES, VISIBILITY, DEAD_LETTER);

    final ManualClock clock = new ManualClock(START);
    private final Path root;
    private final int partitions;
    private final List<DurableQueue> queues = new ArrayList<>();
    private EmbeddedLog log;
    private Channel channel;
    private Channel deadLetters;

    QueueFixture(Path root, int partitions) {
        this.root = root;
        this.partitions = partitions;
        open();
    }

    Channel channel() {
        return channel;
    }

    Channel deadLetters() {
        return deadLetters;
    }

    EmbeddedLog log() {
        return log;
    }

    Path stateDirectory(String queue) {
        return root.resolve("state").resolve(queue);
    }

    /** Opens a queue over the channel on the manual clock; the fixture closes it. */
    DurableQueue queue(String name) {
        return queue(name, QueueLimits.DEFAULT);
    }

    DurableQueue queue(String name, QueueLimits limits) {
        DurableQueue queue = limits == QueueLimits.DEFAULT
                ? DurableQueue.open(stateDirectory(name), name, channel, () -> deadLetters, clock)
                : DurableQueue.open(stateDirectory(name), name, channel, POLICY, () -> deadLetters, clock, limits);
        queues.add(queue);
        return queue;
    }

    /** Appends one record per value, keyed by the value, with a header {@code origin: test}. */
    void append(String... values) {
        List<Append> appends = new ArrayList<>();
        for (String value : values) {
            appends.add(new Append(
                    bytes(value), bytes(value), START.toEpochMilli(), List.of(new Header("origin", bytes("test")))));
        }
        channel.append(appends);
    }

    /** Appends {@code count} records {@code prefix-0} and on, spread over the partitions. */
    void appendNumbered(String prefix, int count) {
        List<Append> appends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            appends.add(new Append(bytes(prefix + "-" + i), bytes(prefix + "-" + i), START.toEpochMilli()));
        }
        channel.append(appends);
    }

    /** Closes the queues and the log, as a crash would leave them minus the files' unflushed bytes. */
    void restart() {
        close();
        open();
    }

    @Override
    public void close() {
        queues.forEach(DurableQueue::close);
        queues.clear();
        log.close();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String value(Lease lease) {
        return value(lease.record());
    }

    static String value(ChannelRecord record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    /** The record's position as "partition/offset". */
    static String position(Lease lease) {
        return lease.record().partition() + "/" + lease.record().offset();
    }

    private void open() {
        log = EmbeddedLog.open(root.resolve("log"), LogConfig.defaults());
        channel = log.open(new ChannelDefinition(CHANNEL, partitions, POLICY, SourceLocation.JAVA));
        deadLetters = log.open(new ChannelDefinition(DEAD_LETTER, 1, SourceLocation.JAVA));
    }
}
