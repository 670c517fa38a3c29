package dev.flows.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Processing time that moves only when the test says so, in UTC. Guarded by its monitor, though a driver uses
 * it from one thread.
 */
final class VirtualClock extends Clock {

    private Instant now;

    VirtualClock(Instant start) {
        this.now = start;
    }

    /**
     * @throws IllegalArgumentException if {@code duration} is negative: processing time never goes back
     */
    synchronized void advance(Duration duration) {
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
