package dev.flows.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The rate limit's bucket on a stepped clock: one second's worth of burst, continuous refill, all or nothing. */
class TokenBucketTest {

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final TokenBucket bucket = new TokenBucket(10, nanos::get);

    @Test
    void shouldServeABurstOfOneSecondsWorthThenSayHowLongToWait() {
        assertThat(bucket.tryTake(10)).isZero();
        assertThat(bucket.tryTake(1)).isEqualTo(100_000_000);

        nanos.addAndGet(250_000_000);

        assertThat(bucket.tryTake(3)).as("2.5 tokens: 50 ms short").isEqualTo(50_000_000);
        assertThat(bucket.tryTake(2)).isZero();
    }

    @Test
    void shouldTakeNothingFromARequestItCannotServe() {
        bucket.tryTake(8);

        assertThat(bucket.tryTake(3)).isPositive();
        assertThat(bucket.tryTake(2)).as("the refused 3 took nothing").isZero();
    }

    @Test
    void shouldNeverHoldMoreThanOneSecondsWorth() {
        nanos.addAndGet(60_000_000_000L);

        assertThat(bucket.tryTake(10)).isZero();
        assertThat(bucket.tryTake(1)).isPositive();
    }

    @Test
    void shouldRefillNothingWhileTheClockGoesBack() {
        bucket.tryTake(10);
        nanos.addAndGet(-5_000_000_000L);

        assertThat(bucket.tryTake(1)).isPositive();
        nanos.addAndGet(5_100_000_000L);
        assertThat(bucket.tryTake(1)).isZero();
    }

    @Test
    void shouldRefuseARequestLargerThanTheBucket() {
        assertThatThrownBy(() -> bucket.tryTake(11)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(0, nanos::get)).hasMessageContaining("at least 1 event per second");
    }
}
