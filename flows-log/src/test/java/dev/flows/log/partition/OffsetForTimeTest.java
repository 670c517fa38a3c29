package dev.flows.log.partition;

import static dev.flows.log.Appends.append;
import static dev.flows.log.Appends.channel;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.log.Appends;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
import dev.flows.log.MutableClock;
import dev.flows.log.storage.SimulatedStorage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OffsetForTimeTest {

    private static final Path DIRECTORY = Path.of("/data/log");
    private static final long T0 = 1_700_000_000_000L;

    private final SimulatedStorage disk = new SimulatedStorage();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void shouldFindTheFirstRecordAtOrAfterATimeAcrossSegmentsAndIndexEntries() {
        long seed = System.nanoTime();
        System.out.println("shouldFindTheFirstRecordAtOrAfterATimeAcrossSegmentsAndIndexEntries seed " + seed);
        Random random = new Random(seed);
        List<Long> timestamps = new ArrayList<>();
        LogConfig denseIndex = LogConfig.defaults().withIndexIntervalBytes(128);
        try (EmbeddedLog log = EmbeddedLog.open(DIRECTORY, denseIndex, disk, clock)) {
            Channel shop = log.open(channel("shop", 1, Appends.segmentBytes(4096)));
            long time = T0;
            for (int i = 0; i < 150; i++) {
                List<Append> batch = new ArrayList<>();
                for (int r = 1 + random.nextInt(4); r > 0; r--) {
                    time += random.nextInt(20);
                    // Now and then a late record: timestamps need not grow with offsets.
                    long stamp = random.nextInt(10) == 0 ? time - random.nextInt(200) : time;
                    timestamps.add(stamp);
                    batch.add(append("k", "v" + timestamps.size(), stamp));
                }
                shop.append(batch);
            }
            assertAnswers(shop, timestamps, random);
        }
        try (EmbeddedLog log = EmbeddedLog.open(DIRECTORY, denseIndex, disk, clock)) {
            assertAnswers(log.open(channel("shop", 1, Appends.segmentBytes(4096))), timestamps, random);
        }
    }

    @Test
    void shouldReplayFromATime() {
        try (EmbeddedLog log = EmbeddedLog.open(DIRECTORY, LogConfig.defaults(), disk, clock)) {
            Channel shop = log.open(channel("shop", 1));
            shop.append(List.of(append("k", "old", T0), append("k", "mid", T0 + 10)));
            shop.append(List.of(append("k", "new", T0 + 20)));

            long from = shop.offsetForTime(0, Instant.ofEpochMilli(T0 + 5));
            List<ChannelRecord> replay = shop.read(0, from, 10);

            assertThat(replay).extracting(Appends::valueOf).containsExactly("mid", "new");
            assertThat(shop.offsetForTime(0, Instant.ofEpochMilli(T0 + 21))).isEqualTo(3);
            assertThat(shop.offsetForTime(0, Instant.MIN)).isZero();
            assertThat(shop.offsetForTime(0, Instant.MAX)).isEqualTo(3);
        }
    }

    private static void assertAnswers(Channel shop, List<Long> timestamps, Random random) {
        for (int q = 0; q < 300; q++) {
            long target = T0 - 50 + random.nextInt((int) (timestamps.getLast() - T0 + 100));
            long expected = timestamps.size();
            for (int i = 0; i < timestamps.size(); i++) {
                if (timestamps.get(i) >= target) {
                    expected = i;
                    break;
                }
            }
            assertThat(shop.offsetForTime(0, Instant.ofEpochMilli(target)))
                    .as("offset for time %d", target)
                    .isEqualTo(expected);
        }
    }
}
