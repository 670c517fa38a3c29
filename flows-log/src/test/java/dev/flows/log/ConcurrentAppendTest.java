package dev.flows.log;

import static dev.flows.log.Appends.append;
import static dev.flows.log.Appends.channel;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.Position;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentAppendTest {

    private static final int APPENDERS = 16;
    private static final int APPENDS_EACH = 500;

    @TempDir
    Path directory;

    @Test
    void shouldAcknowledgeOnlyReadableRecordsWithDenseUniqueOffsetsUnderManyAppenders() throws Exception {
        long seed = System.nanoTime();
        System.out.println("shouldAcknowledgeOnlyReadableRecordsWithDenseUniqueOffsetsUnderManyAppenders seed " + seed);
        LogConfig config = LogConfig.defaults();
        Map<Position, String> acknowledged = new ConcurrentHashMap<>();
        try (EmbeddedLog log = EmbeddedLog.open(directory, config)) {
            Channel shop = log.open(channel("shop", 4, Appends.segmentBytes(64 * 1024)));
            AtomicBoolean appendersDone = new AtomicBoolean();
            List<Future<List<ChannelRecord>>> tails = new ArrayList<>();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int p = 0; p < shop.partitions(); p++) {
                    int partition = p;
                    tails.add(threads.submit(() -> tail(shop, partition, appendersDone)));
                }
                List<Future<?>> appenders = new ArrayList<>();
                for (int t = 0; t < APPENDERS; t++) {
                    Random random = new Random(seed + t);
                    int thread = t;
                    appenders.add(threads.submit(() -> appendMany(shop, thread, random, acknowledged)));
                }
                try {
                    for (Future<?> appender : appenders) {
                        appender.get();
                    }
                } finally {
                    appendersDone.set(true);
                }
            }

            for (int p = 0; p < shop.partitions(); p++) {
                assertThat(tails.get(p).get())
                        .as("what a reader saw while the appends ran, partition %d", p)
                        .map(ConcurrentAppendTest::describe)
                        .containsExactlyElementsOf(readAll(shop, p).stream()
                                .map(ConcurrentAppendTest::describe)
                                .toList());
            }
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(APPENDERS * APPENDS_EACH);
            assertEveryAcknowledgedRecordIsReadable(shop, acknowledged);
        }
        try (EmbeddedLog log = EmbeddedLog.open(directory, config)) {
            assertEveryAcknowledgedRecordIsReadable(
                    log.open(channel("shop", 4, Appends.segmentBytes(64 * 1024))), acknowledged);
        }
    }

    private static void appendMany(Channel shop, int thread, Random random, Map<Position, String> acknowledged) {
        for (int i = 0; i < APPENDS_EACH; i++) {
            List<Append> batch = new ArrayList<>();
            int size = random.nextInt(10) == 0 ? 3 : 1;
            for (int r = 0; r < size; r++) {
                batch.add(append("key-" + random.nextInt(50), "t" + thread + "-" + i + "-" + r));
            }
            List<Position> positions = shop.append(batch);
            for (int r = 0; r < size; r++) {
                String previous = acknowledged.put(
                        positions.get(r), Appends.text(batch.get(r).value()));
                assertThat(previous)
                        .as("position %s given twice", positions.get(r))
                        .isNull();
            }
            if (shop.endOffset(positions.getFirst().partition())
                    <= positions.getFirst().offset()) {
                throw new AssertionError("acknowledged " + positions.getFirst() + " beyond the durable end");
            }
        }
    }

    /** Follows a partition while appends run, as a consumer would, until the appenders are done. */
    private static List<ChannelRecord> tail(Channel shop, int partition, AtomicBoolean appendersDone)
            throws InterruptedException {
        List<ChannelRecord> seen = new ArrayList<>();
        while (!appendersDone.get() || seen.size() < shop.endOffset(partition)) {
            if (shop.awaitRecords(partition, seen.size(), Duration.ofMillis(100))) {
                List<ChannelRecord> page = shop.read(partition, seen.size(), 500);
                assertThat(page.getFirst().offset()).isEqualTo(seen.size());
                seen.addAll(page);
            }
        }
        return seen;
    }

    private static String describe(ChannelRecord record) {
        return record.offset() + " " + Appends.text(record.key()) + " " + Appends.valueOf(record);
    }

    private static List<ChannelRecord> readAll(Channel shop, int partition) {
        List<ChannelRecord> records = new ArrayList<>();
        for (List<ChannelRecord> page = shop.read(partition, 0, 1000); !page.isEmpty(); ) {
            records.addAll(page);
            page = shop.read(partition, records.size(), 1000);
        }
        return records;
    }

    private static void assertEveryAcknowledgedRecordIsReadable(Channel shop, Map<Position, String> acknowledged) {
        Map<Integer, List<ChannelRecord>> byPartition = new HashMap<>();
        for (int p = 0; p < shop.partitions(); p++) {
            List<ChannelRecord> records = readAll(shop, p);
            assertThat(records)
                    .extracting(ChannelRecord::offset)
                    .containsExactlyElementsOf(
                            LongStream.range(0, records.size()).boxed().toList());
            byPartition.put(p, records);
        }
        acknowledged.forEach((position, value) -> assertThat(
                        Appends.valueOf(byPartition.get(position.partition()).get((int) position.offset())))
                .isEqualTo(value));
        assertThat(byPartition.values().stream().mapToInt(List::size).sum()).isEqualTo(acknowledged.size());
    }
}
