package dev.flows.log;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.Durability;
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
 * Measures append throughput of ~300-byte values in large appends (1,000 records each, over 4
 * partitions) from 1, 2 and 4 threads in {@code fsync} and {@code os} mode, then read-back throughput of
 * everything from the start; prints one JSON line per run. Asserts nothing: a benchmark reports, tests
 * assert. Run with {@code ./mvnw -pl flows-log -Pslow -Dtest=LogThroughputBenchmark test}, or its
 * {@link #main} on a test class path.
 */
@Tag("slow")
class LogThroughputBenchmark {

    private static final int VALUE_BYTES = 300;
    private static final int RECORDS_PER_APPEND = 1000;
    private static final int PARTITIONS = 4;
    private static final long SECONDS = Long.getLong("flows.bench.seconds", 5);

    @TempDir
    Path directory;

    @Test
    void measureAppendAndReadThroughput() throws Exception {
        run(directory);
    }

    public static void main(String[] args) throws Exception {
        Path root = Files.createTempDirectory("flows-bench");
        try {
            run(root);
        } finally {
            deleteRecursively(root);
        }
    }

    static void run(Path root) throws Exception {
        for (Durability durability : List.of(Durability.FSYNC, Durability.OS)) {
            for (int threads : new int[] {1, 2, 4}) {
                measure(Files.createTempDirectory(root, durability.mode().name()), durability, threads);
            }
        }
    }

    private static void measure(Path directory, Durability durability, int threads) throws Exception {
        long seed = System.nanoTime();
        List<List<Append>> batches = batches(new Random(seed), 16);
        long appended = 0;
        long startNs = System.nanoTime();
        long deadlineNs = startNs + SECONDS * 1_000_000_000L;
        ChannelDefinition definition =
                new ChannelDefinition("bench", PARTITIONS, Appends.durability(durability), SourceLocation.JAVA);
        double appendS;
        long bytes;
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel channel = log.open(definition);
            try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                List<Future<Long>> counts = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int first = t;
                    counts.add(pool.submit(() -> appendUntil(channel, batches, first, deadlineNs)));
                }
                for (Future<Long> count : counts) {
                    appended += count.get();
                }
            }
            appendS = (System.nanoTime() - startNs) / 1e9;
            bytes = channel.sizeBytes();
        }
        double readS;
        long read = 0;
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel channel = log.open(definition);
            long readStart = System.nanoTime();
            for (int p = 0; p < PARTITIONS; p++) {
                long offset = 0;
                for (List<ChannelRecord> page = channel.read(p, 0, 5000); !page.isEmpty(); ) {
                    read += page.size();
                    offset = page.getLast().offset() + 1;
                    page = channel.read(p, offset, 5000);
                }
            }
            readS = (System.nanoTime() - readStart) / 1e9;
        }
        System.out.printf(
                "{\"workload\":\"log\",\"durability\":\"%s\",\"appenders\":%d,\"records_per_append\":%d,"
                        + "\"value_bytes\":%d,\"records\":%d,\"append_s\":%.2f,\"append_records_per_s\":%.0f,"
                        + "\"append_mb_per_s\":%.1f,\"read_records\":%d,\"read_s\":%.2f,"
                        + "\"read_records_per_s\":%.0f,\"seed\":%d}%n",
                durability,
                threads,
                RECORDS_PER_APPEND,
                VALUE_BYTES,
                appended,
                appendS,
                appended / appendS,
                bytes / appendS / (1 << 20),
                read,
                readS,
                read / readS,
                seed);
        deleteRecursively(directory);
    }

    /** Prepared appends, so the benchmark measures the log and not the building of records. */
    private static List<List<Append>> batches(Random random, int count) {
        List<List<Append>> batches = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            List<Append> records = new ArrayList<>(RECORDS_PER_APPEND);
            for (int i = 0; i < RECORDS_PER_APPEND; i++) {
                byte[] value = new byte[VALUE_BYTES];
                random.nextBytes(value);
                byte[] key = ("user-" + random.nextInt(100_000)).getBytes(StandardCharsets.UTF_8);
                records.add(new Append(key, value, 1_700_000_000_000L + i));
            }
            batches.add(records);
        }
        return batches;
    }

    private static long appendUntil(Channel channel, List<List<Append>> batches, int first, long deadlineNs) {
        long appended = 0;
        for (int i = first; System.nanoTime() < deadlineNs; i++) {
            List<Append> records = batches.get(i % batches.size());
            channel.append(records);
            appended += records.size();
        }
        return appended;
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
