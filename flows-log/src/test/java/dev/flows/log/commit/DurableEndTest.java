package dev.flows.log.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.flows.api.error.StorageException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DurableEndTest {

    private final DurableEnd end = new DurableEnd("channel 'shop' partition 0", 10);

    @Test
    void shouldOnlyGrow() {
        end.advanceTo(12);
        end.advanceTo(11);

        assertThat(end.end()).isEqualTo(12);
    }

    @Test
    void shouldReleaseAnAppenderOnceItsRecordsAreDurable() throws Exception {
        CompletableFuture<Void> appender = CompletableFuture.runAsync(() -> end.awaitDurable(15));
        await().atMost(Duration.ofSeconds(10)).until(() -> end.waiting() == 1);
        end.advanceTo(14);
        assertThat(appender).isNotDone();

        end.advanceTo(15);

        appender.get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldFailParkedAppendersWhenAFlushFails() throws Exception {
        CompletableFuture<Void> appender = CompletableFuture.runAsync(() -> end.awaitDurable(11));
        await().atMost(Duration.ofSeconds(10)).until(() -> end.waiting() == 1);

        end.fail(new StorageException("could not flush x.log to disk: EIO; check the disk"));

        assertThatThrownBy(() -> appender.get(10, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("channel 'shop' partition 0 cannot make offset 10 durable")
                .hasMessageContaining("could not flush x.log to disk");
        assertThat(end.await(9, 0)).isTrue();
    }

    @Test
    void shouldWaitNoLongerThanTheTimeout() throws Exception {
        assertThat(end.await(10, TimeUnit.MILLISECONDS.toNanos(20))).isFalse();
        assertThat(end.await(9, 0)).isTrue();
    }
}
