package dev.flows.server.cli;

import dev.flows.api.error.InvalidEventException;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.Step;
import dev.flows.engine.format.JsonEventFormat;
import dev.flows.engine.format.JsonValues;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the input of {@code flows test}, one JSON object per line (blank lines skipped):
 *
 * <pre>
 * {"specversion": "1.0", "id": "c1", "source": "/shop", "type": "shop.checkout.start", ...}   an event of the source
 * {"channel": "payments", "event": {"specversion": "1.0", ...}}    an event of a channel, the join's included
 * {"advance": "30s"}                                              processing time moves on (idle inputs)
 * </pre>
 *
 * Events are checked as ingest checks them (structured CloudEvents JSON). Every bad line is reported, as
 * {@code file:line: what is wrong}, before anything runs. Stateless.
 */
final class TestInput {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");
    private static final String FORMS = "write one CloudEvent per line, {\"channel\": \"<name>\", \"event\": {...}}"
            + " for another channel the flow reads, or {\"advance\": \"30s\"} to move processing time";

    /** The lines read, and the problems of the lines that could not be. */
    record Read(List<InputLine> lines, List<String> problems) {}

    private final String fileName;
    private final Flow flow;
    private final JsonEventFormat format;

    TestInput(String fileName, Flow flow, JsonEventFormat format) {
        this.fileName = fileName;
        this.flow = flow;
        this.format = format;
    }

    Read read(String text) {
        List<InputLine> lines = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] split = text.split("\n", -1);
        for (int i = 0; i < split.length; i++) {
            if (split[i].isBlank()) {
                continue;
            }
            try {
                lines.add(line(i + 1, split[i].strip()));
            } catch (IllegalArgumentException | InvalidEventException e) {
                problems.add(fileName + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        return new Read(lines, problems);
    }

    private InputLine line(int number, String text) {
        Object value;
        try {
            value = JsonValues.decode(text.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage() + "; " + FORMS, e);
        }
        if (!(value instanceof Map<?, ?> object)) {
            throw new IllegalArgumentException("not a JSON object; " + FORMS);
        }
        if (object.containsKey("specversion")) {
            return new InputLine.Source(number, format.decode(text.getBytes(StandardCharsets.UTF_8)));
        }
        if (object.containsKey("advance") && object.size() == 1) {
            return new InputLine.Advance(number, duration(object.get("advance")));
        }
        if (object.containsKey("channel") && object.containsKey("event") && object.size() == 2) {
            return onChannel(number, object.get("channel"), object.get("event"));
        }
        throw new IllegalArgumentException(
                "not a CloudEvent (it has no specversion) nor a line of another form; " + FORMS);
    }

    private InputLine onChannel(int number, Object channel, Object event) {
        if (!(event instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("\"event\" must be a CloudEvent (a JSON object)");
        }
        var decoded = format.decode(JsonValues.encode(event));
        if (flow.from().equals(channel)) {
            return new InputLine.Source(number, decoded);
        }
        Optional<String> joined = joinedChannel();
        if (joined.isPresent() && joined.get().equals(channel)) {
            return new InputLine.Joined(number, decoded);
        }
        throw new IllegalArgumentException("flow '" + flow.name() + "' reads channel " + flow.from()
                + joined.map(name -> " and " + name).orElse("") + ", not '" + channel + "'");
    }

    private Optional<String> joinedChannel() {
        return flow.steps().stream()
                .filter(step -> step instanceof Step.Join)
                .map(step -> ((Step.Join) step).channel())
                .findFirst();
    }

    private static Duration duration(Object value) {
        String text = value instanceof String string ? string.strip() : "";
        Matcher matcher = SHORT_DURATION.matcher(text);
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
            Duration duration = Duration.parse(text);
            if (!duration.isNegative()) {
                return duration;
            }
        } catch (DateTimeParseException e) {
            // reported below, with the forms that are accepted
        }
        throw new IllegalArgumentException("\"advance\" must be a duration such as 250ms, 30s, 5m, 1h or PT5M, not "
                + new String(JsonValues.encode(value), StandardCharsets.UTF_8));
    }
}
