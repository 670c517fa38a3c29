package dev.flows.api.channel;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h)");

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

    /**
     * Reads {@code fsync}, {@code os} or {@code interval:<duration>}, the duration as {@code 250ms}, {@code 5s},
     * {@code 2m}, {@code 1h} or ISO-8601 ({@code PT5S}); empty for anything else or a zero interval.
     */
    public static Optional<Durability> parse(String text) {
        String value = text.strip();
        if (value.equals("fsync")) {
            return Optional.of(FSYNC);
        }
        if (value.equals("os")) {
            return Optional.of(OS);
        }
        if (!value.startsWith("interval:")) {
            return Optional.empty();
        }
        String amount = value.substring("interval:".length());
        Matcher matcher = SHORT_DURATION.matcher(amount);
        try {
            Duration interval = matcher.matches()
                    ? Duration.of(Long.parseLong(matcher.group(1)), unit(matcher.group(2)))
                    : Duration.parse(amount);
            return interval.isZero() || interval.isNegative() ? Optional.empty() : Optional.of(interval(interval));
        } catch (DateTimeParseException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    private static ChronoUnit unit(String suffix) {
        return switch (suffix) {
            case "ms" -> ChronoUnit.MILLIS;
            case "s" -> ChronoUnit.SECONDS;
            case "m" -> ChronoUnit.MINUTES;
            default -> ChronoUnit.HOURS;
        };
    }

    /** {@code fsync}, {@code os} or {@code interval:PT5S}, readable by {@link #parse}. */
    @Override
    public String toString() {
        return switch (mode) {
            case FSYNC -> "fsync";
            case OS -> "os";
            case INTERVAL -> "interval:" + interval;
        };
    }
}
