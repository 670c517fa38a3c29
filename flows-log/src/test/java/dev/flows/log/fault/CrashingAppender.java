package dev.flows.log.fault;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.Position;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.SourceLocation;
import dev.flows.log.Appends;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The child process of {@link CrashTest}: appends batches of 1 to 50 records in {@code fsync} mode from
 * four threads, on 1 KiB to 64 KiB segments so that kills land in rolls too, and prints one line per
 * acknowledged record, {@code ack <partition> <offset> <value>}, until it is killed. Never closes the log
 * on purpose. Arguments: directory, trial (which goes into the values, so each trial's are unique), seed.
 */
public final class CrashingAppender {

    static final String CHANNEL = "crash";
    static final int PARTITIONS = 2;
    static final int THREADS = 4;
    static final long SEGMENT_BYTES = 16 << 10;

    private CrashingAppender() {}

    public static void main(String[] args) {
        Path directory = Path.of(args[0]);
        int trial = Integer.parseInt(args[1]);
        long seed = Long.parseLong(args[2]);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults());
        Channel channel = log.open(definition());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < THREADS; t++) {
                Random random = new Random(seed + t);
                String name = "t" + trial + "." + t;
                threads.submit(() -> appendLoop(channel, name, random, out));
            }
        }
    }

    static ChannelDefinition definition() {
        return new ChannelDefinition(CHANNEL, PARTITIONS, Appends.segmentBytes(SEGMENT_BYTES), SourceLocation.JAVA);
    }

    private static void appendLoop(Channel channel, String name, Random random, PrintStream out) {
        for (int seq = 0; ; seq++) {
            List<Append> batch = new ArrayList<>();
            for (int r = 1 + random.nextInt(50); r > 0; r--) {
                String value = name + "-" + seq + "-" + r + "-" + "x".repeat(random.nextInt(100));
                batch.add(new Append(
                        ("key-" + random.nextInt(8)).getBytes(StandardCharsets.UTF_8),
                        value.getBytes(StandardCharsets.UTF_8),
                        System.currentTimeMillis()));
            }
            List<Position> positions = channel.append(batch);
            StringBuilder acks = new StringBuilder();
            for (int i = 0; i < batch.size(); i++) {
                acks.append("ack ")
                        .append(positions.get(i).partition())
                        .append(' ')
                        .append(positions.get(i).offset())
                        .append(' ')
                        .append(Appends.text(batch.get(i).value()))
                        .append('\n');
            }
            synchronized (out) {
                out.print(acks);
                out.flush();
            }
        }
    }
}
