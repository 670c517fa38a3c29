package dev.flows.log.fault;

import static dev.flows.log.Appends.channel;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelPolicy;
import dev.flows.api.error.StorageException;
import dev.flows.log.Appends;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
import dev.flows.log.MutableClock;
import dev.flows.log.recovery.DamagedRange;
import dev.flows.log.recovery.IndexRebuilt;
import dev.flows.log.storage.SimulatedStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Cuts the power of a simulated disk at a random operation while two threads append in {@code fsync}
 * mode, over many seeds (200 by default, {@code -Dflows.powerloss.seeds=N} for more): what was not forced is
 * lost and the last page of each file may be torn. After each cut the log must come back with every
 * acknowledged record, no damage, offsets that only grow, and then take appends again; each seed cuts the
 * power three times.
 */
class PowerLossTest {

    private static final Path DIRECTORY = Path.of("/data/log");
    private static final int SEEDS = Integer.getInteger("flows.powerloss.seeds", 200);
    private static final int CUTS = 3;

    @Test
    void shouldLoseNoAcknowledgedRecordInFsyncModeWhenThePowerFails() throws Exception {
        long base = Long.getLong("flows.powerloss.seed", System.nanoTime());
        System.out.println("shouldLoseNoAcknowledgedRecordInFsyncModeWhenThePowerFails seed " + base + " x " + SEEDS);
        int acknowledged = 0;
        for (int s = 0; s < SEEDS; s++) {
            acknowledged += runSeed(base + s);
        }
        System.out.println("power loss: " + acknowledged + " acknowledged records over " + SEEDS + " seeds, 0 lost");
    }

    private static int runSeed(long seed) throws Exception {
        Random random = new Random(seed);
        SimulatedStorage disk = new SimulatedStorage();
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        ChannelPolicy policy = Appends.segmentBytes(1024 + random.nextInt(8192));
        LogConfig config = LogConfig.defaults()
                .withIndexIntervalBytes(64 + random.nextInt(512))
                .withCheckpointInterval(Duration.ofMillis(10 + random.nextInt(40)));
        Ledger ledger = new Ledger();
        for (int cut = 0; cut < CUTS; cut++) {
            String context = "seed " + seed + " cut " + cut;
            EmbeddedLog log = EmbeddedLog.open(DIRECTORY, config, disk, clock);
            Channel orders = log.open(channel("orders", 2, policy));
            assertThat(log.recoveryEvents())
                    .as(context + ": no damage, and forced indexes spare closed segments a rescan")
                    .noneMatch(event -> event instanceof DamagedRange || event instanceof IndexRebuilt);
            ledger.verify(orders, context);
            disk.crashAfter(20 + random.nextInt(400));
            appendUntilTheCut(orders, ledger, random, seed * 31 + cut);
            closeQuietly(log);
            disk = disk.powerLoss(random, true);
        }
        try (EmbeddedLog log = EmbeddedLog.open(DIRECTORY, config, disk, clock)) {
            Channel orders = log.open(channel("orders", 2, policy));
            ledger.verify(orders, "seed " + seed + " at the end");
            ledger.append(orders, List.of(Appends.append("k", "seed " + seed + " after")));
        }
        return ledger.size();
    }

    private static void appendUntilTheCut(Channel orders, Ledger ledger, Random random, long prefix) throws Exception {
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            List<Future<?>> appenders = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                Random own = new Random(random.nextLong());
                String name = prefix + "-" + t;
                appenders.add(threads.submit(() -> appendLoop(orders, ledger, own, name)));
            }
            for (Future<?> appender : appenders) {
                appender.get();
            }
        }
    }

    private static void appendLoop(Channel orders, Ledger ledger, Random random, String name) {
        for (int i = 0; i < 10_000; i++) {
            List<Append> batch = new ArrayList<>();
            for (int r = 1 + random.nextInt(12); r > 0; r--) {
                batch.add(Appends.append(
                        "key-" + random.nextInt(20), name + "-" + i + "-" + r + "-" + "x".repeat(random.nextInt(80))));
            }
            try {
                ledger.append(orders, batch);
            } catch (StorageException cut) {
                return;
            }
        }
    }

    static void closeQuietly(EmbeddedLog log) {
        try {
            log.close();
        } catch (RuntimeException expected) {
            // The disk is gone; closing only releases threads.
        }
    }
}
