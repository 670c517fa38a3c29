package dev.flows.log.fault;

import static dev.flows.log.Appends.append;
import static dev.flows.log.Appends.channel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.channel.Channel;
import dev.flows.api.error.StorageException;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
import dev.flows.log.MutableClock;
import dev.flows.log.storage.SimulatedStorage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FsyncFailureTest {

    private static final Path DIRECTORY = Path.of("/data/log");

    private final SimulatedStorage disk = new SimulatedStorage();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void shouldNeverAcknowledgeAfterAFailedFsyncAndRefuseTheRestUntilReopened() throws Exception {
        Ledger ledger = new Ledger();
        SimulatedStorage after;
        try (EmbeddedLog log = EmbeddedLog.open(DIRECTORY, LogConfig.defaults(), disk, clock)) {
            Channel orders = log.open(channel("orders", 1));
            ledger.append(orders, List.of(append("k", "durable-1"), append("k", "durable-2")));

            disk.failForces(1);
            CompletableFuture<Void> first = CompletableFuture.runAsync(
                    () -> ledger.append(orders, List.of(append("k", "never-acknowledged-1"))));
            CompletableFuture<Void> second = CompletableFuture.runAsync(
                    () -> ledger.append(orders, List.of(append("k", "never-acknowledged-2"))));

            for (CompletableFuture<Void> appender : List.of(first, second)) {
                assertThatThrownBy(() -> appender.get(10, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .cause()
                        .isInstanceOf(StorageException.class)
                        .hasMessageContaining("simulated fsync failure");
            }
            assertThat(orders.endOffset(0))
                    .as("nothing unforced is shown to readers")
                    .isEqualTo(2);
            assertThatThrownBy(() -> orders.append(List.of(append("k", "refused"))))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("takes no more appends since an earlier failure")
                    .hasMessageContaining("restart Flows");
            ledger.verify(orders, "after the failed fsync");
            after = disk.powerLoss(new Random(1), false);
        } catch (StorageException closeCannotFlush) {
            after = disk.powerLoss(new Random(1), false);
        }
        try (EmbeddedLog log = EmbeddedLog.open(DIRECTORY, LogConfig.defaults(), after, clock)) {
            Channel orders = log.open(channel("orders", 1));
            ledger.verify(orders, "after reopening");
            assertThat(orders.read(0, 0, 10)).hasSize(2);
            ledger.append(orders, List.of(append("k", "accepted-again")));
        }
    }
}
