package dev.flows.engine.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Fires at the times of a Unix cron expression (cron-utils' {@link CronType#UNIX}: minute, hour, day of month,
 * month, day of week) in a time zone, so {@code 0 2 * * *} in Europe/Paris follows daylight saving time.
 * Immutable and thread-safe (cron-utils' execution times are).
 */
public final class CronTimetable implements Timetable {

    /**
     * Counting missed fires stops here (a minutely schedule down for a week, counted in a few hundred
     * milliseconds), so that a start after a long downtime is not held up; {@code missed} then says at least this.
     */
    static final long MAX_COUNT = 10_000;

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final ExecutionTime times;
    private final ZoneId zone;

    private CronTimetable(ExecutionTime times, ZoneId zone) {
        this.times = times;
        this.zone = zone;
    }

    /**
     * @throws IllegalArgumentException with cron-utils' message if the expression is not valid
     */
    static CronTimetable of(String expression, ZoneId zone) {
        return new CronTimetable(ExecutionTime.forCron(parse(expression)), zone);
    }

    /**
     * What is wrong with {@code expression} as cron-utils says it, or empty when it is a valid Unix cron; for
     * the flow-file readers and the validator. Thread-safe.
     */
    public static Optional<String> problem(String expression) {
        try {
            parse(expression);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private static Cron parse(String expression) {
        return PARSER.parse(expression.strip()).validate();
    }

    @Override
    public Instant next(Instant after) {
        return times.nextExecution(ZonedDateTime.ofInstant(after, zone))
                .map(ZonedDateTime::toInstant)
                .orElseThrow(() -> new IllegalStateException("cron expression has no fire after " + after));
    }

    @Override
    public Instant latest(Instant upTo) {
        // lastExecution may be strictly before its argument while upTo is itself a fire time.
        Instant before = times.lastExecution(ZonedDateTime.ofInstant(upTo, zone))
                .map(ZonedDateTime::toInstant)
                .orElseThrow(() -> new IllegalStateException("cron expression has no fire before " + upTo));
        Instant following = next(before);
        return following.isAfter(upTo) ? before : following;
    }

    @Override
    public long count(Instant after, Instant upTo) {
        long fires = 0;
        for (Instant at = next(after); !at.isAfter(upTo) && fires < MAX_COUNT; at = next(at)) {
            fires++;
        }
        return fires;
    }
}
