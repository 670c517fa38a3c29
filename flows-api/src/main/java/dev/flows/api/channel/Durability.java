package dev.flows.api.channel;

import java.time.Duration;
import java.util.Objects;

/**
 * When an append is acknowledged, per channel.
 *
 * @param mode     the mode
 * @param interval for {@link Mode#INTERVAL}, how often the page cache is forced to disk; otherwise zero
 */
public record Durability(Mode mode, Duration interval) {

    /** The modes. */
    public enum Mode {
        /** Acknowledged only once the records are on disk (fsync); concurrent appends share one fsync. */
        FSYNC,
        /** Acknowledged once written to the OS page cache; a machine crash may lose recent records. */
        OS,
        /** Acknowledged once in the page cache, forced to disk every {@code interval}. */
        INTERVAL
    }

    /** The default: on disk before the acknowledgement. */
    public static final Durability FSYNC = new Durability(Mode.FSYNC, Duration.ZERO);

    /** In the page cache before the acknowledgement. */
    public static final Durability OS = new Durability(Mode.OS, Duration.ZERO);

    public Durability {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(interval, "interval");
        if (mode == Mode.INTERVAL && (interval.isZero() || interval.isNegative())) {
            throw new IllegalArgumentException("durability interval must be positive, was " + interval);
        }
    }

    /** Page cache, forced to disk every {@code interval}. */
    public static Durability interval(Duration interval) {
        return new Durability(Mode.INTERVAL, interval);
    }

    /** {@code fsync}, {@code os} or {@code interval:5s}, as written in flow files and flags. */
    @Override
    public String toString() {
        return switch (mode) {
            case FSYNC -> "fsync";
            case OS -> "os";
            case INTERVAL -> "interval:" + interval;
        };
    }
}
