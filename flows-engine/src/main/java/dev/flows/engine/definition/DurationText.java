package dev.flows.engine.definition;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations as flow files write them: a whole number and a unit ({@code 250ms}, {@code 5s},
 * {@code 2m}, {@code 1h}, {@code 1d}), or ISO-8601 ({@code PT5M}). Stateless.
 */
final class DurationText {

    /** What a duration looks like, for messages. */
    static final String FORMS = "use 250ms, 5s, 2m, 1h or PT5M";

    /** Durations as examples, for messages. */
    static final String EXAMPLES = "250ms, 5s, 2m, 1h or PT5M";

    private static final Pattern SHORT = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");

    private DurationText() {}

    /** The duration {@code text} writes, if it is one and not negative. */
    static Optional<Duration> parse(String text) {
        Matcher matcher = SHORT.matcher(text.strip());
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return Optional.of(
                    switch (matcher.group(2)) {
                        case "ms" -> Duration.ofMillis(amount);
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        case "h" -> Duration.ofHours(amount);
                        default -> Duration.ofDays(amount);
                    });
        }
        try {
            Duration duration = Duration.parse(text.strip());
            return duration.isNegative() ? Optional.empty() : Optional.of(duration);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
