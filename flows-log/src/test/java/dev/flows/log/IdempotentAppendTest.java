package dev.flows.log;

import static dev.flows.log.Appends.append;
import static dev.flows.log.Appends.channel;
import static dev.flows.log.Appends.sequenced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelPolicy;
import dev.flows.api.channel.Durability;
import dev.flows.api.channel.Position;
import dev.flows.api.channel.SequencedAppend;
import dev.flows.log.channel.LogChannel;
import dev.flows.log.partition.KeyPartitioner;
import dev.flows.log.producer.ProducerEntry;
import dev.flows.log.recovery.CheckpointIgnored;
import dev.flows.log.recovery.RecoveryCheckpoint;
import dev.flows.log.recovery.TornTail;
import dev.flows.log.storage.FileChannelStorage;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Idempotent appends through the {@link Channel} SPI: what is dropped, what is written, and what is kept. */
class IdempotentAppendTest {

    private static final String PRODUCER = "flow:keyed-count:3";
    private static final ChannelPolicy TINY = Appends.segmentBytes(1024);

    @TempDir
    Path directory;

    @Test
    void shouldDropTheRecordsThePartitionAlreadyHoldsAndWriteTheRest() {
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 1));

            List<Position> first = shop.append(PRODUCER, List.of(sequenced("k", "a", 0), sequenced("k", "b", 1)));
            List<Position> again = shop.append(
                    PRODUCER, List.of(sequenced("k", "a", 0), sequenced("k", "b", 1), sequenced("k", "c", 2)));
            List<Position> once = shop.append(PRODUCER, List.of(sequenced("k", "c", 2)));

            assertThat(first).containsExactly(new Position(0, 0), new Position(0, 1));
            assertThat(again).containsExactly(Position.duplicateIn(0), Position.duplicateIn(0), new Position(0, 2));
            assertThat(again.getFirst().duplicate()).isTrue();
            assertThat(again.getFirst().offset()).isEqualTo(Position.UNKNOWN_OFFSET);
            assertThat(once).containsExactly(Position.duplicateIn(0));
            assertThat(values(shop, 0)).containsExactly("a", "b", "c");
            assertThat(shop.endOffset(0)).isEqualTo(3);
        }
    }

    @Test
    void shouldAllowGapsAndTakeEverySequenceAtOrBelowTheLastAsADuplicate() {
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 1));

            shop.append(PRODUCER, List.of(sequenced("k", "s10", 10), sequenced("k", "s500", 500)));
            List<Position> positions =
                    shop.append(PRODUCER, List.of(sequenced("k", "s400", 400), sequenced("k", "s501", 501)));

            assertThat(positions).containsExactly(Position.duplicateIn(0), new Position(0, 2));
            assertThat(values(shop, 0)).containsExactly("s10", "s500", "s501");
        }
    }

    @Test
    void shouldKeepInterleavedProducersApart() {
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 1));

            shop.append("a", List.of(sequenced("k", "a0", 0)));
            shop.append("b", List.of(sequenced("k", "b0", 0), sequenced("k", "b1", 1)));
            shop.append("a", List.of(sequenced("k", "a1", 1)));
            List<Position> replayA = shop.append("a", List.of(sequenced("k", "a0", 0), sequenced("k", "a1", 1)));
            List<Position> moreB = shop.append("b", List.of(sequenced("k", "b1", 1), sequenced("k", "b2", 2)));
            shop.append(List.of(append("k", "plain")));

            assertThat(replayA).allMatch(Position::duplicate);
            assertThat(moreB).containsExactly(Position.duplicateIn(0), new Position(0, 4));
            assertThat(values(shop, 0)).containsExactly("a0", "b0", "b1", "a1", "b2", "plain");
        }
    }

    @Test
    void shouldCountAProducersSequencesPerPartition() {
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 4));
            String[] keys = keysInTwoPartitions(4);
            int p0 = new KeyPartitioner(4).partition(Appends.bytes(keys[0]));
            int p1 = new KeyPartitioner(4).partition(Appends.bytes(keys[1]));

            List<Position> first =
                    shop.append(PRODUCER, List.of(sequenced(keys[0], "x5", 5), sequenced(keys[1], "y3", 3)));
            List<Position> replay = shop.append(
                    PRODUCER,
                    List.of(sequenced(keys[0], "x5", 5), sequenced(keys[1], "y3", 3), sequenced(keys[1], "y4", 4)));

            assertThat(first).containsExactly(new Position(p0, 0), new Position(p1, 0));
            assertThat(replay)
                    .as("4 is below partition %d's last sequence 5, but not below partition %d's 3", p0, p1)
                    .containsExactly(Position.duplicateIn(p0), Position.duplicateIn(p1), new Position(p1, 1));
            assertThat(values(shop, p0)).containsExactly("x5");
            assertThat(values(shop, p1)).containsExactly("y3", "y4");
        }
    }

    @Test
    void shouldSendARecordWithoutAKeyToThePartitionOfItsProducer() {
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 4));
            List<SequencedAppend> records = LongStream.range(0, 20)
                    .mapToObj(s -> sequenced(null, "v" + s, s))
                    .toList();

            List<Position> first = shop.append(PRODUCER, records);
            List<Position> replay = shop.append(PRODUCER, records);

            assertThat(first)
                    .extracting(Position::partition)
                    .containsOnly(first.getFirst().partition());
            assertThat(first)
                    .extracting(Position::offset)
                    .containsExactlyElementsOf(LongStream.range(0, 20).boxed().toList());
            assertThat(replay).allMatch(Position::duplicate);
        }
    }

    @Test
    void shouldRefuseSequencesThatDoNotIncreaseWithinAPartitionAndAppendNothing() {
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 2));
            String[] keys = keysInTwoPartitions(2);

            assertThatThrownBy(() -> shop.append(
                            PRODUCER,
                            List.of(
                                    sequenced(keys[1], "fine", 1),
                                    sequenced(keys[0], "a", 4),
                                    sequenced(keys[0], "b", 4))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("producer 'flow:keyed-count:3' appends sequence number 4 after 4")
                    .hasMessageContaining("must strictly increase");
            assertThatThrownBy(() -> sequenced("k", "v", -1)).isInstanceOf(IllegalArgumentException.class);
            assertThat(shop.endOffset(0) + shop.endOffset(1)).isZero();
        }
    }

    @Test
    void shouldRefuseAProducerIdThatIsEmptyOrTooLong() {
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 1));
            List<SequencedAppend> records = List.of(sequenced("k", "v", 0));

            assertThatThrownBy(() -> shop.append("", records))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("give an id of 1 to 255 bytes");
            assertThatThrownBy(() -> shop.append("é".repeat(128), records))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("takes 256 bytes");
            assertThat(shop.append("p".repeat(255), records)).containsExactly(new Position(0, 0));
        }
    }

    @Test
    void shouldRememberProducersAcrossRollsCloseAndReopen() {
        List<List<SequencedAppend>> calls = calls(40, 3);
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 2, TINY));
            calls.forEach(call -> assertThat(shop.append(PRODUCER, call)).noneMatch(Position::duplicate));
        }
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 2, TINY));

            assertThat(log.recoveryEvents()).isEmpty();
            calls.forEach(call -> assertThat(shop.append(PRODUCER, call)).allMatch(Position::duplicate));
            assertThat(shop.append(PRODUCER, List.of(sequenced("k", "new", 1_000))))
                    .noneMatch(Position::duplicate);
        }
    }

    @Test
    void shouldRebuildProducersFromEverySegmentWhenTheCheckpointIsLost() throws IOException {
        List<List<SequencedAppend>> calls = calls(40, 3);
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 1, TINY));
            calls.forEach(call -> shop.append(PRODUCER, call));
            shop.append("other", List.of(sequenced("k", "other", 7)));
        }
        Files.delete(directory.resolve("shop/0").resolve(RecoveryCheckpoint.FILE_NAME));

        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 1, TINY));

            assertThat(log.recoveryEvents()).hasExactlyElementsOfTypes(CheckpointIgnored.class);
            calls.forEach(call -> assertThat(shop.append(PRODUCER, call)).allMatch(Position::duplicate));
            assertThat(shop.append("other", List.of(sequenced("k", "other", 7))))
                    .allMatch(Position::duplicate);
        }
    }

    @Test
    void shouldFindTheProducerBatchesBetweenAnOlderCheckpointAndTheIndex() throws IOException {
        Path checkpoint = directory.resolve("shop/0").resolve(RecoveryCheckpoint.FILE_NAME);
        List<List<SequencedAppend>> calls = calls(20, 2);
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            calls.subList(0, 10).forEach(call -> log.open(channel("shop", 1)).append(PRODUCER, call));
        }
        byte[] older = Files.readAllBytes(checkpoint);
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            calls.subList(10, 20).forEach(call -> log.open(channel("shop", 1)).append(PRODUCER, call));
        }
        Files.write(checkpoint, older);

        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 1));

            assertThat(log.recoveryEvents())
                    .as("the index vouches for the rest")
                    .isEmpty();
            calls.forEach(call -> assertThat(shop.append(PRODUCER, call)).allMatch(Position::duplicate));
        }
    }

    @Test
    void shouldForgetWhatATruncatedTornTailHeld() throws IOException {
        Path partition = directory.resolve("shop/0");
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            log.open(channel("shop", 1)).append(PRODUCER, List.of(sequenced("k", "a", 0), sequenced("k", "b", 1)));
        }
        byte[] checkpointAfterA = Files.readAllBytes(partition.resolve(RecoveryCheckpoint.FILE_NAME));
        long bytesAfterA = Files.size(partition.resolve("00000000000000000000.log"));
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            log.open(channel("shop", 1)).append(PRODUCER, List.of(sequenced("k", "c", 2), sequenced("k", "d", 3)));
        }
        Files.write(partition.resolve(RecoveryCheckpoint.FILE_NAME), checkpointAfterA);
        Files.delete(partition.resolve("00000000000000000000.index"));
        try (FileChannel segment =
                FileChannel.open(partition.resolve("00000000000000000000.log"), StandardOpenOption.WRITE)) {
            segment.truncate(bytesAfterA + 30);
        }

        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 1));
            assertThat(log.recoveryEvents()).anyMatch(TornTail.class::isInstance);
            assertThat(shop.endOffset(0)).isEqualTo(2);

            List<Position> replay = shop.append(
                    PRODUCER,
                    List.of(
                            sequenced("k", "a", 0),
                            sequenced("k", "b", 1),
                            sequenced("k", "c", 2),
                            sequenced("k", "d", 3)));

            assertThat(replay)
                    .containsExactly(
                            Position.duplicateIn(0), Position.duplicateIn(0), new Position(0, 2), new Position(0, 3));
            assertThat(values(shop, 0)).containsExactly("a", "b", "c", "d");
        }
    }

    @Test
    void shouldApplyConcurrentAppendsOfOneProducerOneAfterTheOther() throws Exception {
        List<List<SequencedAppend>> calls = calls(50, 4);
        Map<String, AtomicInteger> written = new ConcurrentHashMap<>();
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 2, TINY));
            try (ExecutorService threads = Executors.newFixedThreadPool(6)) {
                List<Future<?>> appenders = new ArrayList<>();
                for (int t = 0; t < 6; t++) {
                    appenders.add(threads.submit(() -> {
                        for (List<SequencedAppend> call : calls) {
                            List<Position> positions = shop.append(PRODUCER, call);
                            for (int i = 0; i < call.size(); i++) {
                                if (!positions.get(i).duplicate()) {
                                    String value =
                                            Appends.text(call.get(i).record().value());
                                    written.computeIfAbsent(value, v -> new AtomicInteger())
                                            .incrementAndGet();
                                }
                            }
                        }
                    }));
                }
                for (Future<?> appender : appenders) {
                    appender.get();
                }
            }
            List<String> stored = new ArrayList<>(values(shop, 0));
            stored.addAll(values(shop, 1));

            long records = calls.stream().mapToLong(List::size).sum();
            assertThat(stored).hasSize((int) records).doesNotHaveDuplicates();
            assertThat(written)
                    .hasSize((int) records)
                    .allSatisfy((value, count) ->
                            assertThat(count.get()).as("%s written once", value).isEqualTo(1));
        }
    }

    @Test
    void shouldKeepAProducersLastBatchThroughCompactionSoALostCheckpointLosesNoProducer() throws IOException {
        ChannelPolicy compacted = Appends.policy(TINY, Duration.ofDays(7), null, -1, true);
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            LogChannel shop = (LogChannel) log.open(channel("shop", 1, compacted));
            shop.append(PRODUCER, List.of(sequenced("k", "from the producer", 9)));
            for (int i = 0; i < 40; i++) {
                shop.append(List.of(append("k", "newer " + i)));
            }
            shop.cleanUp();
            assertThat(values(shop, 0)).doesNotContain("from the producer");
        }
        Files.delete(directory.resolve("shop/0").resolve(RecoveryCheckpoint.FILE_NAME));

        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 1, compacted));

            assertThat(shop.append(PRODUCER, List.of(sequenced("k", "from the producer", 9))))
                    .allMatch(Position::duplicate);
        }
    }

    @Test
    void shouldForceAndCheckpointOnceManyProducerChangesWaitInPageCacheMode() {
        LogConfig config = LogConfig.defaults().withCheckpointInterval(Duration.ofHours(1));
        try (EmbeddedLog log = EmbeddedLog.open(directory, config)) {
            LogChannel shop = (LogChannel) log.open(channel("shop", 1, Appends.durability(Durability.OS)));
            for (int s = 0; s <= 10_000; s++) {
                shop.append(PRODUCER, List.of(sequenced(null, "v", s)));
            }

            shop.checkpoint();

            RecoveryCheckpoint.Loaded loaded = (RecoveryCheckpoint.Loaded)
                    RecoveryCheckpoint.read(new FileChannelStorage(), directory.resolve("shop/0"));
            assertThat(loaded.checkpoint().endOffset()).isEqualTo(10_001);
            assertThat(loaded.checkpoint().producers()).containsExactly(new ProducerEntry(PRODUCER, 10_000, 10_000));
        }
    }

    /** {@code count} calls of 1 to {@code maxRecords} records over a few keys, sequence numbers with gaps. */
    private static List<List<SequencedAppend>> calls(int count, int maxRecords) {
        List<List<SequencedAppend>> calls = new ArrayList<>();
        long sequence = 0;
        for (int c = 0; c < count; c++) {
            List<SequencedAppend> call = new ArrayList<>();
            for (int r = 0; r <= c % maxRecords; r++) {
                sequence += 1 + (c + r) % 3;
                call.add(sequenced("key-" + (sequence % 5), "value-" + sequence + "-" + "x".repeat(c), sequence));
            }
            calls.add(call);
        }
        return calls;
    }

    /** Two keys the partitioner puts in different partitions of {@code partitions}. */
    private static String[] keysInTwoPartitions(int partitions) {
        KeyPartitioner partitioner = new KeyPartitioner(partitions);
        String first = "key-0";
        for (int i = 1; ; i++) {
            String other = "key-" + i;
            if (partitioner.partition(Appends.bytes(other)) != partitioner.partition(Appends.bytes(first))) {
                return new String[] {first, other};
            }
        }
    }

    private static List<String> values(Channel channel, int partition) {
        return channel.read(partition, 0, 100_000).stream()
                .map(Appends::valueOf)
                .toList();
    }
}
