package dev.flows.log;

import static dev.flows.log.Appends.append;
import static dev.flows.log.Appends.channel;
import static dev.flows.log.Appends.valueOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelPolicy;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.Durability;
import dev.flows.api.channel.Position;
import dev.flows.api.error.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedLogTest {

    private static final ChannelPolicy TINY = Appends.segmentBytes(1024);

    @TempDir
    Path directory;

    @Test
    void shouldReadBackWhatWasAppended() {
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 1));

            List<Position> positions = shop.append(List.of(append("k1", "one"), append(null, "two")));

            assertThat(positions).containsExactly(new Position(0, 0), new Position(0, 1));
            List<ChannelRecord> records = shop.read(0, 0, 10);
            assertThat(records).extracting(Appends::valueOf).containsExactly("one", "two");
            assertThat(records.getFirst().key()).asString().isEqualTo("k1");
            assertThat(records.get(1).key()).isNull();
            assertThat(records).extracting(ChannelRecord::timestampMs).containsOnly(Appends.TIME_MS);
            assertThat(shop.endOffset(0)).isEqualTo(2);
            assertThat(shop.startOffset(0)).isZero();
            assertThat(shop.sizeBytes()).isPositive();
        }
    }

    @Test
    void shouldKeepEachKeyInOnePartitionInOrderWithDenseOffsets() {
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 4));
            Map<String, Integer> partitionOfKey = new HashMap<>();
            List<Position> positions = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String key = "user-" + (i % 10);
                Position position =
                        shop.append(List.of(append(key, key + ":" + i))).getFirst();
                positions.add(position);
                assertThat(partitionOfKey.computeIfAbsent(key, k -> position.partition()))
                        .isEqualTo(position.partition());
            }

            assertThat(partitionOfKey.values()).hasSizeGreaterThan(1);
            for (int p = 0; p < 4; p++) {
                List<ChannelRecord> records = shop.read(p, 0, 1000);
                assertThat(records)
                        .extracting(ChannelRecord::offset)
                        .containsExactlyElementsOf(IntStream.range(0, records.size())
                                .mapToObj(Long::valueOf)
                                .toList());
                assertThat(shop.endOffset(p)).isEqualTo(records.size());
                Map<String, Integer> lastSeen = new HashMap<>();
                for (ChannelRecord record : records) {
                    String[] keyAndSeq = valueOf(record).split(":");
                    int seq = Integer.parseInt(keyAndSeq[1]);
                    assertThat(seq).isGreaterThan(lastSeen.getOrDefault(keyAndSeq[0], -1));
                    lastSeen.put(keyAndSeq[0], seq);
                }
            }
            assertThat(positions).doesNotHaveDuplicates();
        }
    }

    @Test
    void shouldReturnPositionsInTheOrderOfAnAppendSpanningPartitions() {
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 3));
            List<Append> batch = IntStream.range(0, 30)
                    .mapToObj(i -> append("key-" + i, "value-" + i))
                    .toList();

            List<Position> positions = shop.append(batch);

            assertThat(positions).hasSize(30).doesNotHaveDuplicates();
            for (int i = 0; i < 30; i++) {
                Position position = positions.get(i);
                ChannelRecord record =
                        shop.read(position.partition(), position.offset(), 1).getFirst();
                assertThat(valueOf(record)).isEqualTo("value-" + i);
            }
        }
    }

    @Test
    void shouldSpreadRecordsWithoutKeyRoundRobin() {
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 3));

            List<Position> positions = shop.append(List.of(append(null, "a"), append(null, "b"), append(null, "c")));

            assertThat(positions).extracting(Position::partition).containsExactlyInAnyOrder(0, 1, 2);
        }
    }

    @Test
    void shouldKeepEverythingAcrossRestartAndContinueOffsets() {
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 2));
            for (int i = 0; i < 50; i++) {
                shop.append(List.of(append("k" + i, "v" + i)));
            }
        }
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 2));
            long before0 = shop.endOffset(0);
            long before1 = shop.endOffset(1);
            assertThat(before0 + before1).isEqualTo(50);
            assertThat(log.recoveryEvents()).isEmpty();

            Position next = shop.append(List.of(append("k0", "after"))).getFirst();

            assertThat(next.offset()).isEqualTo(next.partition() == 0 ? before0 : before1);
            List<ChannelRecord> all = new ArrayList<>(shop.read(0, 0, 100));
            all.addAll(shop.read(1, 0, 100));
            assertThat(all)
                    .extracting(Appends::valueOf)
                    .contains("v0", "v49", "after")
                    .hasSize(51);
        }
    }

    @Test
    void shouldRollSegmentsAndReadAcrossTheirBoundariesAlsoAfterRestart() {
        LogConfig tiny = LogConfig.defaults();
        try (EmbeddedLog log = EmbeddedLog.open(directory, tiny)) {
            Channel shop = log.open(channel("shop", 1, TINY));
            for (int i = 0; i < 300; i++) {
                shop.append(List.of(append("k", "value-%03d".formatted(i))));
            }
            assertThat(shop.read(0, 0, 1000))
                    .extracting(Appends::valueOf)
                    .hasSize(300)
                    .endsWith("value-299");
        }
        long segments = countSegments(directory.resolve("shop/0"));
        assertThat(segments).isGreaterThan(10);

        try (EmbeddedLog log = EmbeddedLog.open(directory, tiny)) {
            Channel shop = log.open(channel("shop", 1, TINY));
            assertThat(log.recoveryEvents()).isEmpty();
            assertThat(shop.endOffset(0)).isEqualTo(300);
            List<ChannelRecord> all = new ArrayList<>();
            for (long offset = 0; offset < 300; offset += 7) {
                all.addAll(shop.read(0, offset, 7));
            }
            assertThat(all)
                    .extracting(ChannelRecord::offset)
                    .containsExactlyElementsOf(
                            IntStream.range(0, 300).mapToObj(Long::valueOf).toList());
            assertThat(all).extracting(Appends::valueOf).startsWith("value-000").endsWith("value-299");

            assertThat(shop.append(List.of(append("k", "more"))).getFirst().offset())
                    .isEqualTo(300);
            assertThat(shop.read(0, 300, 5)).extracting(Appends::valueOf).containsExactly("more");
        }
    }

    @Test
    void shouldGiveAnAppendLargerThanASegmentASegmentOfItsOwn() {
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 1, TINY));
            shop.append(List.of(append("k", "small")));
            String big = "x".repeat(5000);

            shop.append(List.of(append("k", big)));
            shop.append(List.of(append("k", "after")));

            assertThat(shop.read(0, 0, 10)).extracting(Appends::valueOf).containsExactly("small", big, "after");
            assertThat(countSegments(directory.resolve("shop/0"))).isEqualTo(3);
        }
    }

    @Test
    void shouldReturnTheSameInstanceForAnOpenChannel() {
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel first = log.open(channel("shop", 2));

            assertThat(log.open(channel("shop", 2))).isSameAs(first);
            assertThat(log.find("shop")).containsSame(first);
            assertThat(log.find("other")).isEmpty();
            log.open(channel("audit", 1));
            assertThat(log.channels()).extracting(Channel::name).containsExactly("audit", "shop");
        }
    }

    @Test
    void shouldRefuseAnotherPartitionCountSayingBothCounts() {
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            log.open(channel("shop", 4));
        }
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            assertThatThrownBy(() -> log.open(channel("shop", 8)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("flows.yaml:3:5")
                    .hasMessageContaining("asks for 8 partitions, but it exists with 4")
                    .hasMessageContaining(
                            directory.resolve("shop/channel.properties").toString())
                    .hasMessageContaining("declare 4 partitions");
            Channel shop = log.open(channel("shop", 4));
            assertThatThrownBy(() -> log.open(channel("shop", 2)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("asks for 2 partitions, but it exists with 4");
            assertThat(shop.partitions()).isEqualTo(4);
        }
    }

    @Test
    void shouldReportEveryPolicySettingTheLogCannotHonourAtOnce() {
        ChannelPolicy impossible =
                Appends.policy(Appends.segmentBytes(100), Duration.ZERO, Duration.ofSeconds(-1), -5, false);
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            assertThatThrownBy(() -> log.open(channel("shop", 1, impossible)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("flows.yaml:3:5: channel 'shop': segment size 100 bytes is outside 1024")
                    .hasMessageContaining("segment age PT0S is not positive")
                    .hasMessageContaining("retention age PT-1S is not positive")
                    .hasMessageContaining("retention size -5 is negative");
            assertThat(directory.resolve("shop")).doesNotExist();
        }
    }

    @Test
    void shouldRefuseAChannelNameThatIsNotASafePathComponent() {
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            assertThatThrownBy(() -> log.open(channel("../etc", 1)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("flows.yaml:3:5: channel name '../etc' is not allowed")
                    .hasMessageContaining("[a-z][a-z0-9._-]{0,127}")
                    .hasMessageContaining("rename the channel");
            assertThat(directory.getParent().resolve("etc")).doesNotExist();
        }
    }

    @Test
    void shouldRefuseAppendsReadsAndOpensAfterClose() {
        EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults());
        Channel shop = log.open(channel("shop", 1));
        shop.append(List.of(append("k", "v")));

        log.close();
        log.close();

        assertThatThrownBy(() -> shop.append(List.of(append("k", "v"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot append to channel 'shop'")
                .hasMessageContaining("is closed")
                .hasMessageContaining("EmbeddedLog.open");
        assertThatThrownBy(() -> shop.read(0, 0, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> log.open(channel("other", 1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRefuseASecondLogOnTheSameDirectory() {
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            assertThatThrownBy(() -> EmbeddedLog.open(log.directory(), LogConfig.defaults()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("is in use")
                    .hasMessageContaining("give this one another directory");
        }
        EmbeddedLog.open(directory, LogConfig.defaults()).close();
    }

    @Test
    void shouldRefuseBadReadArguments() {
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 2));

            assertThatThrownBy(() -> shop.read(2, 0, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("has no partition 2; its partitions are 0 to 1");
            assertThatThrownBy(() -> shop.read(0, -1, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> shop.read(0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThat(shop.read(0, 5, 10)).isEmpty();
        }
    }

    @Test
    void shouldStoreATombstoneAsANullValueAndRefuseANullRecord() {
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 1));
            shop.append(List.of(append("k", "v"), append("k", null)));

            assertThat(shop.read(0, 0, 10)).extracting(Appends::valueOf).containsExactly("v", null);
            List<Append> withNull = new ArrayList<>(List.of(append("k", "ok")));
            withNull.add(null);
            assertThatThrownBy(() -> shop.append(withNull))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("record 1 of an append to channel 'shop' is null");
            assertThat(shop.endOffset(0)).isEqualTo(2);
        }
    }

    @Test
    void shouldServeRecordsAtOnceInOsMode() {
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 2, Appends.durability(Durability.OS)));
            assertThat(shop.policy().durability()).isEqualTo(Durability.OS);
            shop.append(List.of(append("a", "1"), append("b", "2"), append("c", "3")));
            assertThat(shop.endOffset(0) + shop.endOffset(1)).isEqualTo(3);
        }
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults().withDurability(Durability.OS))) {
            Channel shop = log.open(channel("shop", 2));
            assertThat(shop.policy().durability()).isEqualTo(Durability.OS);
            assertThat(shop.read(0, 0, 10).size() + shop.read(1, 0, 10).size()).isEqualTo(3);
        }
    }

    @Test
    void shouldWriteTheLayoutTheDecisionRecordDescribes() throws Exception {
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            log.open(channel("shop", 2)).append(List.of(append("k", "v")));
        }

        assertThat(Files.readString(directory.resolve("shop/channel.properties")))
                .contains("format.version=2")
                .contains("partitions=2");
        assertThat(Appends.segment(directory, "shop", 0, 0)).exists();
        assertThat(Appends.segment(directory, "shop", 1, 0)).exists();
        assertThat(directory.resolve("shop/0/00000000000000000000.index")).exists();
        assertThat(directory.resolve("shop/1/recovery.checkpoint")).exists();
    }

    static long countSegments(Path partitionDirectory) {
        try (var files = Files.list(partitionDirectory)) {
            return files.filter(file -> file.toString().endsWith(".log")).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
