package dev.flows.connectors.retry;

import dev.flows.api.flow.RetryPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The wait before a retry: "full jitter", a uniformly random wait between zero and the policy's exponential
 * backoff for that attempt, so that many senders that failed together do not retry together. The random
 * source is injected: seeded in tests, which assert bounds and never timing. Thread-safe when the generator
 * is (as {@link java.util.Random} is). Shared by every connector that retries (webhook, email).
 */
public final class FullJitter {

    private final RandomGenerator random;

    public FullJitter(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A wait in {@code [0, policy.backoffAfter(attempt)]}, to the millisecond. */
    public Duration after(RetryPolicy policy, int attempt) {
        long capMs = policy.backoffAfter(attempt).toMillis();
        return capMs <= 0 ? Duration.ZERO : Duration.ofMillis(random.nextLong(capMs + 1));
    }
}
