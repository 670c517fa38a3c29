package dev.flows.api.flow;

import java.time.Duration;

/**
 * How often and how patiently a destination retries a failed delivery: attempt {@code n} (from 1) waits
 * {@code min(initialBackoff * 2^(n-1), maxBackoff)} after the failure of attempt {@code n}.
 *
 * @param maxAttempts    total attempts including the first, at least 1
 * @param initialBackoff wait after the first failure
 * @param maxBackoff     cap on any one wait
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    /** Five attempts, waiting 200 ms, 400 ms, 800 ms, 1.6 s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(30));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
    }

    /** The wait after attempt {@code attempt} (1-based) failed. */
    public Duration backoffAfter(int attempt) {
        long factor = 1L << Math.min(attempt - 1, 30);
        Duration wait = initialBackoff.multipliedBy(factor);
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
