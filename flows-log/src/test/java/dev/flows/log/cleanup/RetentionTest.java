package dev.flows.log.cleanup;

import static dev.flows.log.Appends.append;
import static dev.flows.log.Appends.channel;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionTest {

    private static final Path DIRECTORY = Path.of("/data/log");
    private static final Path PARTITION = DIRECTORY.resolve("shop/0");
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private final SimulatedStorage disk = new SimulatedStorage();
    private final MutableClock clock = new MutableClock(NOW);

    @Test
    void shouldDeleteWholeSegmentsOlderThanTheRetentionAgeButNeverTheActiveOne() throws IOException {
        ChannelPolicy policy =
                Appends.policy(Appends.segmentBytes(1024), Duration.ofDays(7), Duration.ofHours(1), -1, false);
        long old = NOW.minus(Duration.ofHours(3)).toEpochMilli();
        long fresh = NOW.minus(Duration.ofMinutes(10)).toEpochMilli();
        try (EmbeddedLog log = EmbeddedLog.open(DIRECTORY, LogConfig.defaults(), disk, clock)) {
            LogChannel shop = (LogChannel) log.open(channel("shop", 1, policy));
            for (int i = 0; i < 60; i++) {
                shop.append(List.of(append("k", "old-" + "x".repeat(100), old)));
            }
            for (int i = 0; i < 30; i++) {
                shop.append(List.of(append("k", "fresh-" + i + "-" + "x".repeat(100), fresh)));
            }
            long segmentsBefore = segments();

            shop.cleanUp();

            assertThat(segments()).isLessThan(segmentsBefore);
            long start = shop.startOffset(0);
            assertThat(start).isPositive().isLessThanOrEqualTo(60);
            List<ChannelRecord> left = shop.read(0, 0, 1000);
            assertThat(left.getFirst().offset()).isEqualTo(start);
            assertThat(left)
                    .extracting(Appends::valueOf)
                    .filteredOn(v -> v.startsWith("fresh"))
                    .hasSize(30);
            assertThat(shop.endOffset(0)).isEqualTo(90);

            clock.advance(Duration.ofDays(1));
            shop.cleanUp();

            assertThat(segments()).as("the active segment stays").isEqualTo(1);
            assertThat(shop.startOffset(0))
                    .isEqualTo(shop.read(0, 0, 1000).getFirst().offset());
        }
        try (EmbeddedLog log = EmbeddedLog.open(DIRECTORY, LogConfig.defaults(), disk, clock)) {
            Channel shop = log.open(channel("shop", 1, policy));
            assertThat(log.recoveryEvents()).isEmpty();
            assertThat(shop.endOffset(0)).isEqualTo(90);
            assertThat(shop.append(List.of(append("k", "next"))).getFirst().offset())
                    .isEqualTo(90);
        }
    }

    @Test
    void shouldDeleteTheOldestSegmentsWhileThePartitionIsLargerThanTheRetentionSize() throws IOException {
        ChannelPolicy policy = Appends.policy(Appends.segmentBytes(1024), Duration.ofDays(7), null, 3000, false);
        try (EmbeddedLog log = EmbeddedLog.open(DIRECTORY, LogConfig.defaults(), disk, clock)) {
            LogChannel shop = (LogChannel) log.open(channel("shop", 1, policy));
            for (int i = 0; i < 100; i++) {
                shop.append(List.of(append("k", "v-%03d-%s".formatted(i, "x".repeat(80)))));
            }
            assertThat(shop.sizeBytes()).isGreaterThan(9000);

            shop.cleanUp();

            assertThat(shop.sizeBytes()).isLessThanOrEqualTo(3000);
            List<ChannelRecord> left = shop.read(0, 0, 1000);
            assertThat(left.getFirst().offset()).isEqualTo(shop.startOffset(0)).isPositive();
            assertThat(left.getLast().offset()).isEqualTo(99);
            for (Path index : disk.list(PARTITION)) {
                if (index.toString().endsWith(".index")) {
                    assertThat(disk.exists(index.resolveSibling(
                                    index.getFileName().toString().replace(".index", ".log"))))
                            .as("index files go with their segments: %s", index)
                            .isTrue();
                }
            }
        }
    }

    private long segments() throws IOException {
        return disk.list(PARTITION).stream()
                .filter(path -> path.toString().endsWith(".log"))
                .count();
    }
}
