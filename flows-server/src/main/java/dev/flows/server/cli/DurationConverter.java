package dev.flows.server.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a command-line duration: {@code 250ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d} or ISO {@code PT5M}. */
final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    @Override
    public Duration convert(String text) {
        Matcher matcher = SHORT.matcher(text.strip());
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            Duration duration = Duration.parse(text.strip());
            if (!duration.isNegative()) {
                return duration;
            }
        } catch (DateTimeParseException e) {
            // falls through to the message below
        }
        throw new TypeConversionException("'" + text + "' is not a duration; use e.g. 30s, 10m, 2h, 1d or PT5M");
    }
}
