package dev.flows.log.fault;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.Position;
import dev.flows.api.channel.SequencedAppend;
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
 * The child process of {@link IdempotentCrashTest}: two producers, as flow tasks after a restart, append
 * their calls from the first one on, in {@code fsync} mode; the calls come from the seed alone, so every run
 * regenerates the same records with the same sequence numbers. Prints one line per record,
 * {@code ack <value> <partition> <offset or dup>}, until it is killed. Never closes the log on purpose.
 * Arguments: directory, seed.
 */
public final class ReplayingProducer {

    static final String CHANNEL = "replayed";
    static final int PARTITIONS = 2;
    static final int PRODUCERS = 2;

    private ReplayingProducer() {}

    public static void main(String[] args) {
        Path directory = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults());
        Channel channel = log.open(definition());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < PRODUCERS; t++) {
                Random random = new Random(seed + t);
                String producer = "flow:crash:" + t;
                threads.submit(() -> appendLoop(channel, producer, random, out));
            }
        }
    }

    static ChannelDefinition definition() {
        return new ChannelDefinition(CHANNEL, PARTITIONS, Appends.segmentBytes(16 << 10), SourceLocation.JAVA);
    }

    private static void appendLoop(Channel channel, String producer, Random random, PrintStream out) {
        long sequence = 0;
        while (true) {
            List<SequencedAppend> call = new ArrayList<>();
            for (int r = 1 + random.nextInt(30); r > 0; r--) {
                sequence += 1 + random.nextInt(3);
                String value = producer + "-" + sequence + "-" + "x".repeat(random.nextInt(100));
                call.add(Appends.sequenced("key-" + random.nextInt(8), value, sequence));
            }
            List<Position> positions = channel.append(producer, call);
            StringBuilder acks = new StringBuilder();
            for (int i = 0; i < call.size(); i++) {
                Position position = positions.get(i);
                acks.append("ack ")
                        .append(Appends.text(call.get(i).record().value()))
                        .append(' ')
                        .append(position.partition())
                        .append(' ')
                        .append(position.duplicate() ? "dup" : Long.toString(position.offset()))
                        .append('\n');
            }
            synchronized (out) {
                out.print(acks);
                out.flush();
            }
        }
    }
}
