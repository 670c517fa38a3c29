package dev.flows.log.queue;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelPolicy;
import dev.flows.api.channel.ChannelQueue;
import dev.flows.api.channel.Durability;
import dev.flows.api.channel.Lease;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.SourceLocation;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The child process of {@link QueueKillTest}: consumes queue {@value #QUEUE} of channel {@value #CHANNEL}
 * from the log in the directory given as its argument, through the channel as the server would, and prints
 * (and flushes) {@code lease <partition> <offset> <count>} for each delivery before handling it, and
 * {@code ack <partition> <offset>} once an ack has returned. Nacks records whose value starts with "poison". Runs until killed (at most a minute).
 */
public final class QueueConsumerProcess {

    static final String CHANNEL = "jobs";
    static final String DEAD_LETTER = "jobs.dlq";
    static final String QUEUE = "workers";
    static final int PARTITIONS = 2;

    /** Three deliveries; a visibility timeout long enough that nothing expires while the test runs. */
    static final ChannelPolicy POLICY = new ChannelPolicy(
            Durability.FSYNC, 64L << 20, Duration.ofDays(7), null, -1, false, 3, Duration.ofMinutes(10), DEAD_LETTER);

    private QueueConsumerProcess() {}

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        EmbeddedLog log = EmbeddedLog.open(Path.of(args[0]), LogConfig.defaults());
        log.open(new ChannelDefinition(DEAD_LETTER, 1, SourceLocation.JAVA));
        ChannelQueue queue = open(log).queue(QUEUE);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            for (Lease lease : queue.poll(8, Duration.ofMillis(100))) {
                String at = lease.record().partition() + " " + lease.record().offset();
                out.println("lease " + at + " " + lease.deliveryCount());
                out.flush();
                if (isPoison(lease)) {
                    queue.nack(lease, "poison");
                } else if (queue.ack(lease)) {
                    out.println("ack " + at);
                }
                out.flush();
            }
        }
        System.exit(2);
    }

    static Channel open(EmbeddedLog log) {
        return log.open(new ChannelDefinition(CHANNEL, PARTITIONS, POLICY, SourceLocation.JAVA));
    }

    static boolean isPoison(Lease lease) {
        return new String(lease.record().value(), StandardCharsets.UTF_8).startsWith("poison");
    }
}
