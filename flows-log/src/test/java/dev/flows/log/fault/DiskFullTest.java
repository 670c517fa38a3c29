package dev.flows.log.fault;

import static dev.flows.log.Appends.append;
import static dev.flows.log.Appends.channel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.error.StorageFullException;
import dev.flows.log.Appends;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
import dev.flows.log.MutableClock;
import dev.flows.log.recovery.IndexRebuilt;
import dev.flows.log.storage.SimulatedStorage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DiskFullTest {

    private static final Path DIRECTORY = Path.of("/data/log");

    private final SimulatedStorage disk = new SimulatedStorage();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void shouldRefuseAppendsAtOnceKeepReadingAndResumeOnceSpaceIsFreed() {
        long seed = System.nanoTime();
        System.out.println("shouldRefuseAppendsAtOnceKeepReadingAndResumeOnceSpaceIsFreed seed " + seed);
        Random random = new Random(seed);
        Ledger ledger = new Ledger();
        try (EmbeddedLog log = EmbeddedLog.open(DIRECTORY, LogConfig.defaults(), disk, clock)) {
            Channel orders = log.open(channel("orders", 2, Appends.segmentBytes(2048)));
            disk.capacityBytes(disk.usedBytes() + 8_000 + random.nextInt(8_000));

            StorageFullException refused = null;
            for (int i = 0; refused == null; i++) {
                long startNs = System.nanoTime();
                try {
                    ledger.append(orders, batch(random, "before-" + i));
                } catch (StorageFullException e) {
                    refused = e;
                    assertThat(System.nanoTime() - startNs)
                            .as("refused within a second")
                            .isLessThan(1_000_000_000L);
                }
            }

            assertThat(refused.retryable()).isTrue();
            assertThat(refused.getMessage())
                    .contains("the disk is full")
                    .contains("No space left on device")
                    .contains("nothing of it is kept or acknowledged")
                    .contains("appends resume by themselves");
            ledger.verify(orders, "while the disk is full");
            assertThatThrownBy(() -> ledger.append(orders, List.of(append("k", "x".repeat(20_000)))))
                    .isInstanceOf(StorageFullException.class);

            disk.capacityBytes(Long.MAX_VALUE);

            for (int i = 0; i < 20; i++) {
                ledger.append(orders, batch(random, "after-" + i));
            }
            ledger.verify(orders, "after space was freed");
        }
        try (EmbeddedLog log = EmbeddedLog.open(DIRECTORY, LogConfig.defaults(), disk, clock)) {
            Channel orders = log.open(channel("orders", 2, Appends.segmentBytes(2048)));
            assertThat(log.recoveryEvents())
                    .as("refused writes left nothing behind (an index the full disk refused is merely rebuilt)")
                    .allMatch(IndexRebuilt.class::isInstance);
            ledger.verify(orders, "after a restart");
        }
    }

    @Test
    void shouldKeepEveryAcknowledgedRecordWhenThePowerFailsWhileTheDiskIsFull() {
        Ledger ledger = new Ledger();
        Random random = new Random(7);
        EmbeddedLog log = EmbeddedLog.open(DIRECTORY, LogConfig.defaults(), disk, clock);
        Channel orders = log.open(channel("orders", 1));
        for (int i = 0; i < 10; i++) {
            ledger.append(orders, batch(random, "ok-" + i));
        }
        disk.capacityBytes(disk.usedBytes() + 100);
        assertThatThrownBy(() -> ledger.append(orders, batch(random, "too-much-" + "y".repeat(200))))
                .isInstanceOf(StorageFullException.class);
        SimulatedStorage after = disk.powerLoss(random, true);
        PowerLossTest.closeQuietly(log);
        try (EmbeddedLog reopened = EmbeddedLog.open(DIRECTORY, LogConfig.defaults(), after, clock)) {
            ledger.verify(reopened.open(channel("orders", 1)), "after the power loss");
        }
    }

    private static List<Append> batch(Random random, String name) {
        List<Append> batch = new ArrayList<>();
        for (int r = 0; r < 1 + random.nextInt(5); r++) {
            batch.add(append("key-" + random.nextInt(10), name + "-" + r + "-" + "x".repeat(random.nextInt(200))));
        }
        return batch;
    }
}
