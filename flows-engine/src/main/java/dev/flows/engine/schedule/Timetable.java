package dev.flows.engine.schedule;

import dev.flows.api.flow.Schedule;
import java.time.Instant;

/**
 * The fire times of one schedule, as pure arithmetic on instants: no clock, no state. The scheduler asks it
 * when to fire next and how many fires a gap held. Implementations are immutable and thread-safe.
 */
sealed interface Timetable permits CronTimetable, IntervalTimetable {

    /** The first fire time strictly after {@code after}. */
    Instant next(Instant after);

    /** The last fire time at or before {@code upTo}. */
    Instant latest(Instant upTo);

    /**
     * How many fire times lie in {@code (after, upTo]}; may stop counting at a large bound (see the
     * implementation), which only ever shows in a {@code missed} count after a very long downtime.
     */
    long count(Instant after, Instant upTo);

    /**
     * The timetable of a schedule.
     *
     * @throws IllegalArgumentException if a cron expression is not valid (the validator reports that first)
     */
    static Timetable of(Schedule schedule) {
        return switch (schedule) {
            case Schedule.Cron cron -> CronTimetable.of(cron.expression(), cron.zone());
            case Schedule.Every every -> new IntervalTimetable(every.interval().toMillis());
        };
    }
}
