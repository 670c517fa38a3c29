package dev.flows.engine.definition;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads typed scalars (durations, whole numbers, byte sizes, booleans) from YAML nodes, reporting a value
 * that is not of its type with what was found and what to write instead. Not thread-safe (it reports into
 * its file).
 */
final class Scalars {

    private static final Pattern BYTES = Pattern.compile("(\\d{1,15})\\s*(b|kib|mib|gib|tib|kb|mb|gb|tb)?");
    static final String BYTE_FORMS = "use a whole number of bytes or a size such as 512KiB, 64MiB or 1GiB";

    private final YamlFile file;

    Scalars(YamlFile file) {
        this.file = file;
    }

    Optional<Duration> duration(Node node, String what) {
        Optional<String> text = file.text(node, what + " must be a duration", DurationText.EXAMPLES);
        Optional<Duration> duration = text.flatMap(DurationText::parse);
        if (text.isPresent() && duration.isEmpty()) {
            file.problem(node, what + " '" + text.get() + "' is not a duration; " + DurationText.FORMS);
        }
        return duration;
    }

    /** A positive duration; zero is reported too. */
    Optional<Duration> positiveDuration(Node node, String what) {
        Optional<Duration> duration = duration(node, what);
        if (duration.isPresent() && duration.get().isZero()) {
            file.problem(node, what + " must be longer than zero; " + DurationText.FORMS);
            return Optional.empty();
        }
        return duration;
    }

    Optional<Long> wholeNumber(Node node, String what, long min, long max, String example) {
        String expected = what + " must be a whole number from " + min + " to " + max;
        Optional<String> text = file.text(node, expected, example);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            long value = Long.parseLong(text.get().strip());
            if (value >= min && value <= max) {
                return Optional.of(value);
            }
        } catch (NumberFormatException e) {
            // reported below, with the value as written
        }
        file.problem(node, expected + ", found '" + text.get() + "'");
        return Optional.empty();
    }

    Optional<Long> byteSize(Node node, String what, long min) {
        Optional<String> text = file.text(node, what + " must be a size", "64MiB");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Matcher matcher = BYTES.matcher(text.get().strip().toLowerCase(Locale.ROOT));
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            long unit = unit(matcher.group(2) == null ? "b" : matcher.group(2));
            if (amount <= Long.MAX_VALUE / unit && amount * unit >= min) {
                return Optional.of(amount * unit);
            }
            file.problem(node, what + " '" + text.get() + "' is out of range; use at least " + min + " bytes");
            return Optional.empty();
        }
        file.problem(node, what + " '" + text.get() + "' is not a size; " + BYTE_FORMS);
        return Optional.empty();
    }

    Optional<Boolean> bool(Node node, String what) {
        Optional<String> text = file.text(node, what + " must be true or false", what + ": true");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return switch (text.get().strip()) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> {
                file.problem(node, what + " must be true or false, found '" + text.get() + "'");
                yield Optional.empty();
            }
        };
    }

    /**
     * A channel name written as the value of {@code key}, such as a join's {@code channel} or a window's
     * {@code late}, checked like every channel name.
     */
    Optional<String> channel(Node node, String key, String example) {
        Optional<String> name = file.text(node, "'" + key + "' must be a channel name", key + ": " + example);
        Optional<String> problem = name.flatMap(text -> Names.check("channel name", text, example));
        problem.ifPresent(message -> file.problem(node, message));
        return problem.isPresent() ? Optional.empty() : name;
    }

    /** A dead-letter channel name, checked like every channel name. */
    Optional<String> deadLetter(Node node, String example) {
        Optional<String> name = file.text(node, "'dead-letter' must be a channel name", "dead-letter: " + example);
        Optional<String> problem = name.flatMap(text -> Names.check("dead-letter channel name", text, example));
        problem.ifPresent(message -> file.problem(node, message));
        return problem.isPresent() ? Optional.empty() : name;
    }

    private static long unit(String suffix) {
        return switch (suffix) {
            case "kib" -> 1L << 10;
            case "mib" -> 1L << 20;
            case "gib" -> 1L << 30;
            case "tib" -> 1L << 40;
            case "kb" -> 1_000L;
            case "mb" -> 1_000_000L;
            case "gb" -> 1_000_000_000L;
            case "tb" -> 1_000_000_000_000L;
            default -> 1L;
        };
    }
}
