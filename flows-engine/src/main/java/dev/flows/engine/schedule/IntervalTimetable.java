package dev.flows.engine.schedule;

import java.time.Instant;

/**
 * Fires at every multiple of a fixed interval since the epoch, so the fire times do not depend on when Flows
 * started and are the same after a restart. Immutable.
 *
 * @param intervalMs at least 1
 */
record IntervalTimetable(long intervalMs) implements Timetable {

    IntervalTimetable {
        if (intervalMs < 1) {
            throw new IllegalArgumentException("interval must be at least 1 ms, was " + intervalMs);
        }
    }

    @Override
    public Instant next(Instant after) {
        return Instant.ofEpochMilli((Math.floorDiv(after.toEpochMilli(), intervalMs) + 1) * intervalMs);
    }

    @Override
    public Instant latest(Instant upTo) {
        return Instant.ofEpochMilli(Math.floorDiv(upTo.toEpochMilli(), intervalMs) * intervalMs);
    }

    @Override
    public long count(Instant after, Instant upTo) {
        long fires = Math.floorDiv(upTo.toEpochMilli(), intervalMs) - Math.floorDiv(after.toEpochMilli(), intervalMs);
        return Math.max(0, fires);
    }
}
