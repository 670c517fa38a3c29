package dev.flows.log;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.Position;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.SourceLocation;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The child process of {@link CrashTest}: appends in FSYNC mode from a few threads and prints one line
 * per acknowledged record, {@code ack <partition> <offset> <value>}, until it has appended {@code count}
 * records or is killed. Never closes the log on purpose. Arguments: directory, count, round (which goes
 * into the values, so each round's are unique).
 */
public final class CrashingAppender {

    static final String CHANNEL = "crash";
    static final int PARTITIONS = 2;
    static final int THREADS = 4;

    private CrashingAppender() {}

    public static void main(String[] args) {
        Path directory = Path.of(args[0]);
        int perThread = Integer.parseInt(args[1]) / THREADS;
        int round = Integer.parseInt(args[2]);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults());
        Channel channel = log.open(new ChannelDefinition(CHANNEL, PARTITIONS, SourceLocation.JAVA));
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                threads.submit(() -> appendLoop(channel, round, thread, perThread, out));
            }
        }
        out.flush();
        System.exit(0);
    }

    /** The value of the {@code seq}-th append of {@code thread} in {@code round}: unique, of varying size. */
    static String valueOf(int round, int thread, int seq) {
        return "r" + round + "-t" + thread + "-" + seq + "-" + "x".repeat(seq % 64);
    }

    private static void appendLoop(Channel channel, int round, int thread, int count, PrintStream out) {
        for (int seq = 0; seq < count; seq++) {
            String value = valueOf(round, thread, seq);
            Append append = new Append(
                    ("key-" + thread).getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8), seq);
            List<Position> positions = channel.append(List.of(append));
            synchronized (out) {
                out.println("ack " + positions.getFirst().partition() + " "
                        + positions.getFirst().offset() + " " + value);
                out.flush();
            }
        }
    }
}
