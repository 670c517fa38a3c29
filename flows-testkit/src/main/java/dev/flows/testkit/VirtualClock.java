package dev.flows.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Processing time that moves only when the test says so, in UTC: what {@link FlowTestDriver} runs on, and a
 * clock for any test of code that takes a {@link Clock}. Thread-safe (guarded by its monitor).
 */
public final class VirtualClock extends Clock {

    private Instant now;

    /** A clock standing at {@code start}. */
    public VirtualClock(Instant start) {
        this.now = start;
    }

    /**
     * @throws IllegalArgumentException if {@code duration} is negative: processing time never goes back
     */
    public synchronized void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException(
                    "processing time never goes back; advance by a positive duration, not " + duration);
        }
        now = now.plus(duration);
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** The same clock: a test has one processing time, whatever the zone. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
