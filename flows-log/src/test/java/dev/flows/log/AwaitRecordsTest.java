package dev.flows.log;

import static dev.flows.log.Appends.append;
import static dev.flows.log.Appends.channel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.Durability;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AwaitRecordsTest {

    @TempDir
    Path directory;

    static Stream<Durability> durabilities() {
        return Stream.of(Durability.FSYNC, Durability.OS, Durability.interval(Duration.ofMillis(50)));
    }

    @ParameterizedTest
    @MethodSource("durabilities")
    void shouldWakeAWaitingReaderWhenARecordIsAppended(Durability durability) throws Exception {
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 1, Appends.durability(durability)));
            shop.append(List.of(append("k", "first")));
            CompletableFuture<Boolean> woken = new CompletableFuture<>();
            Thread reader =
                    Thread.ofVirtual().start(() -> woken.complete(awaitQuietly(shop, 1, Duration.ofMinutes(1))));
            await().atMost(Duration.ofSeconds(10)).until(() -> reader.getState() == Thread.State.TIMED_WAITING);

            shop.append(List.of(append("k", "second")));

            assertThat(woken.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(shop.read(0, 1, 10)).extracting(Appends::valueOf).containsExactly("second");
        }
    }

    @Test
    void shouldTimeOutWhenNoRecordComes() throws Exception {
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 1));
            shop.append(List.of(append("k", "first")));

            assertThat(shop.awaitRecords(0, 1, Duration.ofMillis(50))).isFalse();
            assertThat(shop.awaitRecords(0, 0, Duration.ZERO)).isTrue();
            assertThat(shop.awaitRecords(0, 1, Duration.ofMillis(-5))).isFalse();
        }
    }

    @Test
    void shouldReleaseAWaitingReaderWhenTheLogCloses() throws Exception {
        EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults());
        Channel shop = log.open(channel("shop", 1));
        CompletableFuture<Boolean> woken = new CompletableFuture<>();
        Thread reader = Thread.ofVirtual().start(() -> woken.complete(awaitQuietly(shop, 0, Duration.ofDays(400_000))));
        await().atMost(Duration.ofSeconds(10)).until(() -> reader.getState() == Thread.State.TIMED_WAITING);

        log.close();

        assertThat(woken.get(10, TimeUnit.SECONDS)).isFalse();
    }

    private static boolean awaitQuietly(Channel channel, long offset, Duration timeout) {
        try {
            return channel.awaitRecords(0, offset, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
