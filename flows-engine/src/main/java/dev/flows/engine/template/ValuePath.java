package dev.flows.engine.template;

import dev.flows.api.event.Event;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A dotted path into a CloudEvent: an attribute ({@code id}, {@code source}, {@code type}, {@code subject},
 * {@code time}, {@code specversion}, {@code datacontenttype}, {@code dataschema}), {@code data} and any path
 * below it ({@code data.items.0.name}: a number indexes a list, and is a key in a map), or one extension
 * ({@code extensions.tenant}). Immutable.
 */
record ValuePath(String text, List<String> segments) {

    /** What a lookup returns when the path leads nowhere: told apart from a JSON {@code null}. */
    static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "<missing>";
        }
    };

    static final List<String> ATTRIBUTES = List.of(
            "id",
            "source",
            "type",
            "specversion",
            "subject",
            "time",
            "datacontenttype",
            "dataschema",
            "data",
            "extensions");

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_$-]+");

    /**
     * Parses {@code text}; a problem's message says what is wrong and what would be right, and its offset in
     * {@code text} where.
     */
    static Parsed parse(String text) {
        String[] parts = text.split("\\.", -1);
        int offset = 0;
        for (String part : parts) {
            if (!SEGMENT.matcher(part).matches()) {
                String found = part.isEmpty() ? "an empty name" : "'" + part + "'";
                return Parsed.problem(
                        offset,
                        "path '" + text + "' has " + found + " where a name is expected; write names of letters,"
                                + " digits, '_' and '-' joined by '.', e.g. data.items.0.name");
            }
            offset += part.length() + 1;
        }
        return shape(text, List.of(parts));
    }

    private static Parsed shape(String text, List<String> segments) {
        String first = segments.getFirst();
        if (!ATTRIBUTES.contains(first)) {
            return Parsed.problem(
                    0,
                    "path '" + text + "' starts with '" + first + "', which is not an event attribute; start with "
                            + String.join(", ", ATTRIBUTES) + " (e.g. data." + first + " or extensions." + first
                            + ")");
        }
        if (first.equals("extensions") && segments.size() != 2) {
            return Parsed.problem(
                    0, "path '" + text + "' must name one extension after 'extensions.', e.g. extensions.tenant");
        }
        if (!first.equals("data") && !first.equals("extensions") && segments.size() > 1) {
            return Parsed.problem(
                    first.length(),
                    "path '" + text + "' goes below '" + first + "', which is a single value; write just " + first
                            + ", or data." + String.join(".", segments.subList(1, segments.size())));
        }
        return new Parsed(Optional.of(new ValuePath(text, segments)), 0, "");
    }

    /** The value at this path in {@code event}: a JSON value as plain Java, or {@link #MISSING}. Never throws. */
    Object lookup(Event event) {
        Object value = switch (segments.getFirst()) {
            case "id" -> event.id();
            case "source" -> event.source();
            case "type" -> event.type();
            case "specversion" -> event.specVersion();
            case "subject" -> event.subject();
            case "time" -> event.time() == null ? null : event.time().toString();
            case "datacontenttype" -> event.dataContentType();
            case "dataschema" -> event.dataSchema();
            case "extensions" -> child(event.extensions(), segments.get(1));
            default -> event.data();
        };
        for (int i = 1; i < segments.size() && segments.getFirst().equals("data"); i++) {
            value = child(value, segments.get(i));
        }
        return value;
    }

    private static Object child(Object parent, String segment) {
        if (parent instanceof Map<?, ?> map) {
            return map.containsKey(segment) ? map.get(segment) : MISSING;
        }
        if (parent instanceof List<?> list && isIndex(segment)) {
            int index = Integer.parseInt(segment);
            return index < list.size() ? list.get(index) : MISSING;
        }
        return MISSING;
    }

    private static boolean isIndex(String segment) {
        return segment.length() <= 9 && segment.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** A parsed path, or the problem with it and its offset in the path's text. */
    record Parsed(Optional<ValuePath> path, int offset, String problem) {
        static Parsed problem(int offset, String message) {
            return new Parsed(Optional.empty(), offset, message);
        }
    }
}
