package dev.flows.connectors.email;

import dev.flows.api.flow.RetryPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The wait before a retry: "full jitter", uniformly random between zero and the policy's exponential backoff
 * for that attempt, so that senders that failed together (a mail server restarting) do not retry together.
 * The same rule as the webhook connector's, kept here so that each connector package stands alone.
 * Thread-safe when the generator is (as {@link java.util.Random} is).
 */
final class Backoff {

    private final RandomGenerator random;

    Backoff(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A wait in {@code [0, policy.backoffAfter(attempt)]}, to the millisecond. */
    Duration after(RetryPolicy policy, int attempt) {
        long capMs = policy.backoffAfter(attempt).toMillis();
        return capMs <= 0 ? Duration.ZERO : Duration.ofMillis(random.nextLong(capMs + 1));
    }
}
