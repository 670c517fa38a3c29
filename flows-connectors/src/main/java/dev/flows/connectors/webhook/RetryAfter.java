package dev.flows.connectors.webhook;

import java.time.Duration;
import java.util.Optional;

/**
 * Reads a {@code Retry-After} header given in seconds. The HTTP-date form is not read (it would need a
 * clock and trust in the receiver's); an answer carrying it is retried after the policy's backoff instead.
 */
final class RetryAfter {

    /** More digits than this would overflow a long of seconds; such a value is not a plausible wait anyway. */
    private static final int MAX_DIGITS = 18;

    private RetryAfter() {}

    /** The wait the header asks for, or empty when the header is absent or not a whole number of seconds. */
    static Optional<Duration> parse(Optional<String> header) {
        return header.map(String::trim).filter(RetryAfter::isSeconds).map(s -> Duration.ofSeconds(Long.parseLong(s)));
    }

    private static boolean isSeconds(String value) {
        return !value.isEmpty() && value.length() <= MAX_DIGITS && value.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
