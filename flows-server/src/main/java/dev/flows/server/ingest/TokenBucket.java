package dev.flows.server.ingest;

import java.util.function.LongSupplier;

/**
 * A token bucket for a channel's {@code rate-limit}: it holds at most one second's worth of events and refills
 * continuously at the rate, so a client may burst up to the rate at once and sustain the rate after. A request
 * takes a token per event, all or none. Time comes from an injected nanosecond source, so tests step it. A source
 * that goes backwards (a wall clock set back) refills nothing until it passes its last reading again.
 * Thread-safe.
 */
public final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1_000_000_000.0;

    private final long ratePerSecond;
    private final LongSupplier nanoTime;
    private double tokens;
    private long lastNanos;

    /**
     * A full bucket.
     *
     * @param ratePerSecond the sustained rate in events per second, also the capacity; at least 1
     * @param nanoTime      the time in nanoseconds from any fixed origin, such as {@code System::nanoTime}
     */
    public TokenBucket(long ratePerSecond, LongSupplier nanoTime) {
        if (ratePerSecond < 1) {
            throw new IllegalArgumentException(
                    "a rate limit must be at least 1 event per second, was " + ratePerSecond);
        }
        this.ratePerSecond = ratePerSecond;
        this.nanoTime = nanoTime;
        this.tokens = ratePerSecond;
        this.lastNanos = nanoTime.getAsLong();
    }

    /** The most events the bucket holds, and its refill per second. */
    public long ratePerSecond() {
        return ratePerSecond;
    }

    /**
     * Takes {@code events} tokens if the bucket holds them.
     *
     * @param events how many events a request carries; at most {@link #ratePerSecond()}, since a larger request
     *     could never be served
     * @return 0 if the tokens were taken; else how many nanoseconds until the bucket will hold enough (nothing was
     *     taken)
     * @throws IllegalArgumentException if {@code events} is negative or more than the capacity
     */
    public synchronized long tryTake(long events) {
        if (events < 0 || events > ratePerSecond) {
            throw new IllegalArgumentException(
                    "a request of " + events + " events cannot fit a bucket of " + ratePerSecond);
        }
        refill();
        if (tokens >= events) {
            tokens -= events;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((events - tokens) * NANOS_PER_SECOND / ratePerSecond));
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        long elapsed = now - lastNanos;
        if (elapsed > 0) {
            tokens = Math.min(ratePerSecond, tokens + elapsed * (ratePerSecond / NANOS_PER_SECOND));
            lastNanos = now;
        }
    }
}
