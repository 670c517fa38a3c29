package dev.flows.log.cleanup;

import static dev.flows.log.Appends.append;
import static dev.flows.log.Appends.channel;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.channel.ChannelPolicy;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.log.Appends;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
import dev.flows.log.MutableClock;
import dev.flows.log.channel.LogChannel;
import dev.flows.log.storage.SimulatedStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CleanupWhileReadingTest {

    private static final Path DIRECTORY = Path.of("/data/log");

    @Test
    void shouldKeepServingReadersWhileCompactionSwapsAndRetentionDeletesSegments() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        ChannelPolicy policy = Appends.policy(Appends.segmentBytes(1024), Duration.ofDays(7), null, 20_000, true);
        try (EmbeddedLog log = EmbeddedLog.open(DIRECTORY, LogConfig.defaults(), new SimulatedStorage(), clock)) {
            LogChannel shop = (LogChannel) log.open(channel("shop", 1, policy));
            AtomicBoolean done = new AtomicBoolean();
            AtomicLong reads = new AtomicLong();
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                started.countDown();
                do { // at least one whole pass, however the threads are scheduled on a loaded machine
                    long offset = 0;
                    for (List<ChannelRecord> page = shop.read(0, 0, 7); !page.isEmpty(); ) {
                        for (ChannelRecord record : page) {
                            assertThat(record.offset()).isGreaterThanOrEqualTo(offset);
                            assertThat(Appends.valueOf(record)).startsWith("v" + record.offset() + "-");
                            offset = record.offset() + 1;
                        }
                        reads.incrementAndGet();
                        page = shop.read(0, offset, 7);
                    }
                } while (!done.get());
            });
            started.await();
            for (int i = 0; i < 2000; i++) {
                shop.append(List.of(append("key-" + (i % 17), "v" + i + "-" + "x".repeat(i % 50))));
                if (i % 50 == 0) {
                    shop.cleanUp();
                }
            }
            done.set(true);
            reader.get();
            assertThat(reads.get()).isPositive();
            assertThat(shop.sizeBytes()).isLessThanOrEqualTo(20_000 + 1024);
        }
    }
}
