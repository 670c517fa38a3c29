package dev.flows.server.http;

import dev.flows.server.ingest.TokenBucket;

/**
 * Applies a channel's {@code rate-limit} to a request, all of its events or none: 429 with {@code Retry-After}
 * when the channel's bucket lacks tokens for them, 413 when the request alone carries more events than one second
 * allows, since no wait would let it pass. Stateless.
 */
final class RateLimit {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private RateLimit() {}

    /** @throws ApiException 429 {@code rate-limited} or 413 {@code batch-over-rate-limit}; nothing is taken then */
    static void admit(String channel, TokenBucket bucket, int events) {
        long rate = bucket.ratePerSecond();
        if (events > rate) {
            throw ApiException.tooLarge(
                    "batch-over-rate-limit",
                    "the request carries " + events + " events, but channel '" + channel + "' accepts at most " + rate
                            + " events per second (its rate-limit), so it could never be accepted; nothing was stored."
                            + " Send batches of at most " + rate + " events");
        }
        long waitNanos = bucket.tryTake(events);
        if (waitNanos > 0) {
            long seconds = Math.max(1, (waitNanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
            throw ApiException.tooManyRequests(
                    "rate-limited",
                    "channel '" + channel + "' accepts at most " + rate + " events per second (rate-limit: " + rate
                            + "/s), and the " + events
                            + " event(s) of this request exceed what is left for now; nothing"
                            + " was stored. Retry after " + seconds + " second(s), as Retry-After says, or send more"
                            + " slowly",
                    seconds);
        }
    }
}
