package dev.flows.log.fault;

import static dev.flows.log.Appends.append;
import static dev.flows.log.Appends.channel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.Durability;
import dev.flows.log.Appends;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
import dev.flows.log.MutableClock;
import dev.flows.log.storage.SimulatedStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IntervalDurabilityTest {

    private static final Path DIRECTORY = Path.of("/data/log");
    private static final Path SEGMENT = DIRECTORY.resolve("orders/0/00000000000000000000.log");

    private final SimulatedStorage disk = new SimulatedStorage();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void shouldAcknowledgeFromThePageCacheAndForceWithinTheInterval() {
        Ledger ledger = new Ledger();
        // A long checkpoint interval: only the interval timer forces the segment here.
        LogConfig config = LogConfig.defaults().withCheckpointInterval(Duration.ofHours(1));
        EmbeddedLog log = EmbeddedLog.open(DIRECTORY, config, disk, clock);
        Channel orders = log.open(channel("orders", 1, Appends.durability(Durability.interval(Duration.ofMillis(20)))));
        for (int i = 0; i < 50; i++) {
            ledger.append(orders, List.of(append("k", "v" + i)));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> disk.unforcedBytes(SEGMENT) == 0);
        SimulatedStorage after = disk.powerLoss(new Random(3), true);
        PowerLossTest.closeQuietly(log);
        try (EmbeddedLog reopened = EmbeddedLog.open(DIRECTORY, config, after, clock)) {
            ledger.verify(reopened.open(channel("orders", 1)), "after a power loss past the interval");
        }
    }

    @Test
    void shouldLoseUnforcedRecordsOnPowerLossInOsModeButNotOnARestart() {
        LogConfig config = LogConfig.defaults().withCheckpointInterval(Duration.ofHours(1));
        SimulatedStorage after;
        EmbeddedLog log = EmbeddedLog.open(DIRECTORY, config, disk, clock);
        Channel orders = log.open(channel("orders", 1, Appends.durability(Durability.OS)));
        orders.append(List.of(append("k", "in the page cache")));
        assertThat(orders.read(0, 0, 1)).as("visible at once").hasSize(1);
        assertThat(disk.unforcedBytes(SEGMENT)).isPositive();
        after = disk.powerLoss(new Random(5), false);
        PowerLossTest.closeQuietly(log);
        try (EmbeddedLog reopened = EmbeddedLog.open(DIRECTORY, config, after, clock)) {
            assertThat(reopened.open(channel("orders", 1)).endOffset(0)).isZero();
        }
    }
}
