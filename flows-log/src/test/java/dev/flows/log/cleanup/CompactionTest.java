package dev.flows.log.cleanup;

import static dev.flows.log.Appends.append;
import static dev.flows.log.Appends.channel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelPolicy;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.log.Appends;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
import dev.flows.log.MutableClock;
import dev.flows.log.channel.LogChannel;
import dev.flows.log.storage.SimulatedStorage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CompactionTest {

    private static final Path DIRECTORY = Path.of("/data/log");
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final ChannelPolicy COMPACTED =
            Appends.policy(Appends.segmentBytes(1024), Duration.ofDays(7), null, -1, true);

    private final SimulatedStorage disk = new SimulatedStorage();
    private final MutableClock clock = new MutableClock(NOW);
    private final LogConfig config = LogConfig.defaults().withTombstoneRetention(Duration.ofHours(1));

    @Test
    void shouldKeepTheLatestRecordOfEachKeyWithItsOffsetAndSkipTheGaps() throws IOException {
        long seed = System.nanoTime();
        System.out.println("shouldKeepTheLatestRecordOfEachKeyWithItsOffsetAndSkipTheGaps seed " + seed);
        Random random = new Random(seed);
        List<Append> all = new ArrayList<>();
        try (EmbeddedLog log = EmbeddedLog.open(DIRECTORY, config, disk, clock)) {
            LogChannel shop = (LogChannel) log.open(channel("shop", 1, COMPACTED));
            for (int i = 0; i < 200; i++) {
                String key = random.nextInt(10) == 0 ? null : "key-" + random.nextInt(12);
                Append record = append(key, "v" + i + "-" + "x".repeat(random.nextInt(60)), NOW.toEpochMilli());
                all.add(record);
                shop.append(List.of(record));
            }
            long activeBase = activeBase();

            shop.cleanUp();

            List<ChannelRecord> left = readAll(shop);
            assertThat(left.size()).isLessThan(200);
            assertThat(shop.endOffset(0)).isEqualTo(200);
            Map<String, Integer> latest = new HashMap<>();
            for (int i = 0; i < activeBase; i++) {
                if (all.get(i).key() != null) {
                    latest.put(Appends.text(all.get(i).key()), i);
                }
            }
            for (ChannelRecord record : left) {
                Append original = all.get((int) record.offset());
                assertThat(record.value())
                        .as("offset %d keeps its record", record.offset())
                        .isEqualTo(original.value());
                if (record.offset() < activeBase && record.key() != null) {
                    assertThat(latest.get(Appends.text(record.key())))
                            .as("only the latest of its key stays in closed segments")
                            .isEqualTo((int) record.offset());
                }
            }
            long keyless = all.stream().filter(append -> append.key() == null).count();
            assertThat(left.stream().filter(record -> record.key() == null).count())
                    .as("records without a key stay")
                    .isEqualTo(keyless);
            assertThat(left.stream()
                            .filter(record -> record.offset() >= activeBase)
                            .count())
                    .as("the active segment is never compacted")
                    .isEqualTo(200 - activeBase);
            assertThat(shop.append(List.of(append("key-1", "after"))).getFirst().offset())
                    .isEqualTo(200);
        }
        try (EmbeddedLog log = EmbeddedLog.open(DIRECTORY, config, disk, clock)) {
            Channel shop = log.open(channel("shop", 1, COMPACTED));
            assertThat(log.recoveryEvents())
                    .as("compacted segments reopen from their indexes")
                    .isEmpty();
            assertThat(shop.endOffset(0)).isEqualTo(201);
        }
    }

    @Test
    void shouldKeepATombstoneForTheRetentionThenDropIt() throws Exception {
        ChannelPolicy halfHourly = Appends.policy(COMPACTED, Duration.ofMinutes(30), null, -1, true);
        long t0 = NOW.toEpochMilli();
        try (EmbeddedLog log = EmbeddedLog.open(DIRECTORY, config, disk, clock)) {
            LogChannel shop = (LogChannel) log.open(channel("shop", 1, halfHourly));
            shop.append(List.of(append("user-1", "alice", t0)));
            shop.append(List.of(append("user-2", "bob", t0)));
            shop.append(
                    List.of(append("user-1", null, t0 + Duration.ofMinutes(10).toMillis())));
            clock.advance(Duration.ofMinutes(31));
            shop.append(List.of(append("user-2", null, clock.millis())));
            clock.advance(Duration.ofMinutes(31));
            shop.append(List.of(append("other", "x", clock.millis())));

            shop.cleanUp();

            assertThat(readAll(shop))
                    .as("the values go, their younger tombstones stay for an hour")
                    .extracting(ChannelRecord::offset, Appends::valueOf)
                    .containsExactly(tuple(2L, null), tuple(3L, null), tuple(4L, "x"));
            assertThat(shop.read(0, 0, 1).getFirst().offset())
                    .as("reads skip the gap")
                    .isEqualTo(2);

            clock.advance(Duration.ofHours(2));
            shop.append(List.of(append("other", "y", clock.millis())));
            shop.cleanUp();

            assertThat(readAll(shop))
                    .as("expired tombstones go; x stays until y's segment is closed")
                    .extracting(ChannelRecord::offset, Appends::valueOf)
                    .containsExactly(tuple(4L, "x"), tuple(5L, "y"));
            assertThat(shop.endOffset(0)).isEqualTo(6);
            assertThat(shop.awaitRecords(0, 0, Duration.ZERO)).isTrue();
            assertThat(shop.awaitRecords(0, 6, Duration.ofMillis(20))).isFalse();
            assertThat(shop.offsetForTime(0, Instant.ofEpochMilli(t0))).isEqualTo(4);
        }
    }

    /** The base offset of the partition's last segment, from its file name. */
    private long activeBase() throws IOException {
        List<Path> segments = disk.list(DIRECTORY.resolve("shop/0")).stream()
                .filter(path -> path.toString().endsWith(".log"))
                .toList();
        return Long.parseLong(segments.getLast().getFileName().toString().substring(0, 20));
    }

    private static List<ChannelRecord> readAll(Channel shop) {
        List<ChannelRecord> records = new ArrayList<>();
        long offset = 0;
        for (List<ChannelRecord> page = shop.read(0, 0, 50); !page.isEmpty(); page = shop.read(0, offset, 50)) {
            records.addAll(page);
            offset = page.getLast().offset() + 1;
        }
        return records;
    }
}
