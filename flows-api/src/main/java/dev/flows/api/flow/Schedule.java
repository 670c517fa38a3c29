package dev.flows.api.flow;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * When a scheduled flow fires: a cron expression in a time zone, or a fixed interval. Each fire is a durable
 * event on the flow's own channel ({@link #channelOf}), which the flow then reads like any channel. Immutable
 * (the data map is copied, its nested values are not).
 */
public sealed interface Schedule {

    /** The prefix of the channels schedules fire into: {@code flows.schedule.<flow>}, one partition each. */
    String CHANNEL_PREFIX = "flows.schedule.";

    /** What happens to fires missed while Flows was down. */
    MissedFires missed();

    /**
     * The data of each fired event, as JSON in plain Java form (see {@link dev.flows.api.event.Event}); the
     * scheduler adds {@code scheduled} (and {@code missed}) to it. Never null; empty when none was declared.
     */
    Map<String, Object> data();

    /** Where the schedule was declared. */
    SourceLocation location();

    /** The channel the schedule of flow {@code flow} fires into. */
    static String channelOf(String flow) {
        return CHANNEL_PREFIX + flow;
    }

    /**
     * Fires at the times a Unix cron expression (5 fields: minute, hour, day of month, month, day of week)
     * names, in a time zone.
     *
     * @param expression such as {@code 0 2 * * *} (every day at 02:00); checked by the engine, not here
     * @param zone       the zone the expression's wall-clock times are in
     */
    record Cron(String expression, ZoneId zone, MissedFires missed, Map<String, Object> data, SourceLocation location)
            implements Schedule {

        public Cron {
            Objects.requireNonNull(expression, "expression");
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(missed, "missed");
            data = copy(data);
            Objects.requireNonNull(location, "location");
        }
    }

    /**
     * Fires every {@code interval}, at the multiples of it since the epoch (so {@code every: 10s} fires at :00,
     * :10, :20 ..., the same instants after a restart).
     *
     * @param interval at least one second
     * @throws IllegalArgumentException if the interval is shorter than one second
     */
    record Every(Duration interval, MissedFires missed, Map<String, Object> data, SourceLocation location)
            implements Schedule {

        /** The shortest interval: every fire is a durable event, so finer ones would only fill the disk. */
        public static final Duration SHORTEST = Duration.ofSeconds(1);

        public Every {
            Objects.requireNonNull(interval, "interval");
            if (interval.compareTo(SHORTEST) < 0) {
                throw new IllegalArgumentException(
                        "a schedule's interval must be at least 1s, was " + interval + "; use every: 1s or longer");
            }
            Objects.requireNonNull(missed, "missed");
            data = copy(data);
            Objects.requireNonNull(location, "location");
        }
    }

    private static Map<String, Object> copy(Map<String, Object> data) {
        return data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }
}
