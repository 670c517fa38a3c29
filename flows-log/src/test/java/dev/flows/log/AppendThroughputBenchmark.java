package dev.flows.log;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.SourceLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures append throughput: 8 concurrent appenders, 1 KiB values, one or ten records per append, 4
 * partitions, in both durability modes, and FSYNC with 64 appenders to show group commit at work; prints
 * one JSON line per run. Asserts nothing: a benchmark reports, tests assert.
 * Run with {@code ./mvnw -pl flows-log -Pslow -Dtest=AppendThroughputBenchmark test}.
 */
@Tag("slow")
class AppendThroughputBenchmark {

    private static final int APPENDERS = 8;
    private static final int VALUE_BYTES = 1024;
    private static final long SECONDS = 5;

    @TempDir
    Path directory;

    @Test
    void measureAppendThroughput() throws Exception {
        for (Durability durability : Durability.values()) {
            run(durability, APPENDERS, 1, 1);
            run(durability, APPENDERS, SECONDS, 1);
            run(durability, APPENDERS, SECONDS, 10);
        }
        run(Durability.FSYNC, 8 * APPENDERS, SECONDS, 1);
    }

    private void run(Durability durability, int appenders, long seconds, int batch) throws Exception {
        Path runDirectory = Files.createTempDirectory(directory, durability.name());
        long seed = System.nanoTime();
        long appended;
        long startNs = System.nanoTime();
        long deadlineNs = startNs + seconds * 1_000_000_000L;
        try (EmbeddedLog log =
                EmbeddedLog.open(runDirectory, LogConfig.defaults().withDurability(durability))) {
            Channel channel = log.open(new ChannelDefinition("bench", 4, SourceLocation.JAVA));
            try (ExecutorService threads = Executors.newFixedThreadPool(appenders)) {
                List<Future<Long>> counts = new ArrayList<>();
                for (int t = 0; t < appenders; t++) {
                    Random random = new Random(seed + t);
                    counts.add(threads.submit(() -> appendUntil(channel, random, batch, deadlineNs)));
                }
                appended = 0;
                for (Future<Long> count : counts) {
                    appended += count.get();
                }
            }
        }
        double elapsedS = (System.nanoTime() - startNs) / 1e9;
        if (seconds > 1) {
            System.out.printf(
                    "{\"workload\":\"append\",\"durability\":\"%s\",\"appenders\":%d,\"records_per_append\":%d,"
                            + "\"value_bytes\":%d,\"records\":%d,\"seconds\":%.2f,\"records_per_s\":%.0f,"
                            + "\"appends_per_s\":%.0f,\"mb_per_s\":%.1f,\"seed\":%d}%n",
                    durability,
                    appenders,
                    batch,
                    VALUE_BYTES,
                    appended,
                    elapsedS,
                    appended / elapsedS,
                    appended / elapsedS / batch,
                    appended * (double) VALUE_BYTES / elapsedS / (1 << 20),
                    seed);
        }
        deleteRecursively(runDirectory);
    }

    private static long appendUntil(Channel channel, Random random, int batch, long deadlineNs) {
        byte[] value = new byte[VALUE_BYTES];
        random.nextBytes(value);
        long appended = 0;
        while (System.nanoTime() < deadlineNs) {
            List<Append> records = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                byte[] key = ("user-" + random.nextInt(10_000)).getBytes(StandardCharsets.UTF_8);
                records.add(new Append(key, value, System.currentTimeMillis()));
            }
            channel.append(records);
            appended += batch;
        }
        return appended;
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
