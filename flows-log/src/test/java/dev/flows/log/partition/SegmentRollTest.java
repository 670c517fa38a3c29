package dev.flows.log.partition;

import static dev.flows.log.Appends.append;
import static dev.flows.log.Appends.channel;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelPolicy;
import dev.flows.log.Appends;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
import dev.flows.log.MutableClock;
import dev.flows.log.storage.SimulatedStorage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentRollTest {

    private static final Path DIRECTORY = Path.of("/data/log");
    private static final Path PARTITION = DIRECTORY.resolve("shop/0");

    private final SimulatedStorage disk = new SimulatedStorage();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void shouldRollWhenTheActiveSegmentIsOlderThanTheSegmentAgeOnTheInjectedClock() throws IOException {
        ChannelPolicy hourly = Appends.policy(ChannelPolicy.DEFAULT, Duration.ofHours(1), null, -1, false);
        try (EmbeddedLog log = EmbeddedLog.open(DIRECTORY, LogConfig.defaults(), disk, clock)) {
            Channel shop = log.open(channel("shop", 1, hourly));
            shop.append(List.of(append("k", "a")));
            clock.advance(Duration.ofMinutes(59));
            shop.append(List.of(append("k", "b")));
            assertThat(segments()).hasSize(1);

            clock.advance(Duration.ofMinutes(1));
            shop.append(List.of(append("k", "c")));

            assertThat(segments())
                    .containsExactly(
                            PARTITION.resolve("00000000000000000000.log"),
                            PARTITION.resolve("00000000000000000002.log"));
        }
        try (EmbeddedLog log = EmbeddedLog.open(DIRECTORY, LogConfig.defaults(), disk, clock)) {
            Channel shop = log.open(channel("shop", 1, hourly));
            clock.advance(Duration.ofMinutes(30));
            shop.append(List.of(append("k", "d")));
            assertThat(segments())
                    .as("the age survives a restart through the checkpoint")
                    .hasSize(2);
            clock.advance(Duration.ofMinutes(30));
            shop.append(List.of(append("k", "e")));
            assertThat(segments()).hasSize(3);
            assertThat(shop.read(0, 0, 10)).extracting(Appends::valueOf).containsExactly("a", "b", "c", "d", "e");
        }
    }

    @Test
    void shouldRollBySizeAndNeverSplitABatch() throws IOException {
        try (EmbeddedLog log = EmbeddedLog.open(DIRECTORY, LogConfig.defaults(), disk, clock)) {
            Channel shop = log.open(channel("shop", 1, Appends.segmentBytes(1024)));
            for (int i = 0; i < 40; i++) {
                shop.append(List.of(append("k", "x".repeat(100)), append("k", "y".repeat(100))));
            }

            assertThat(segments()).hasSizeGreaterThan(8);
            assertThat(shop.read(0, 0, 1000)).hasSize(80);
            for (Path segment : segments()) {
                long base = Long.parseLong(segment.getFileName().toString().substring(0, 20));
                assertThat(base % 2).as("a segment starts at a batch boundary").isZero();
            }
        }
    }

    private List<Path> segments() throws IOException {
        return disk.list(PARTITION).stream()
                .filter(path -> path.toString().endsWith(".log"))
                .toList();
    }
}
