package dev.flows.connectors.retry;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.flow.RetryPolicy;
import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Full jitter: every wait within [0, exponential backoff], and actually spread over that range. */
class FullJitterTest {

    private static final long SEED = 42;
    private static final RetryPolicy POLICY = new RetryPolicy(10, ofMillis(100), ofSeconds(5));

    @Test
    void shouldStayWithinTheBackoffOfEachAttempt() {
        FullJitter jitter = new FullJitter(new Random(SEED));

        for (int attempt = 1; attempt <= 12; attempt++) {
            Duration cap = POLICY.backoffAfter(attempt);
            for (int i = 0; i < 500; i++) {
                assertThat(jitter.after(POLICY, attempt)).as("seed %d", SEED).isBetween(Duration.ZERO, cap);
            }
        }
    }

    @Test
    void shouldSpreadWaitsOverTheRange() {
        FullJitter jitter = new FullJitter(new Random(SEED));
        Set<Duration> seen = new HashSet<>();
        long belowHalf = 0;

        for (int i = 0; i < 1000; i++) {
            Duration wait = jitter.after(POLICY, 6); // cap 3.2 s
            seen.add(wait);
            belowHalf += wait.compareTo(ofMillis(1600)) < 0 ? 1 : 0;
        }

        assertThat(seen).as("seed %d", SEED).hasSizeGreaterThan(500);
        assertThat(belowHalf).as("seed %d", SEED).isBetween(400L, 600L);
    }

    @Test
    void shouldNotWaitWhenTheBackoffIsZero() {
        RetryPolicy none = new RetryPolicy(3, Duration.ZERO, Duration.ZERO);

        assertThat(new FullJitter(new Random(SEED)).after(none, 2)).isEqualTo(Duration.ZERO);
    }
}
