package dev.flows.engine.format;

import dev.flows.api.error.InvalidEventException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts a JSON value that {@link JsonScanner} has already scanned into the plain Java value {@link
 * JsonValueReader} would give for it (LinkedHashMap, ArrayList, String, Long, Double, Boolean or null), and
 * checks what the scan leaves for conversion: UTF-8, duplicate keys and numbers beyond the double range. One
 * instance per {@link RawEvent}; not thread-safe.
 */
final class RawValueReader {

    private final JsonScanner scanner;

    /** The position just after the value last read. */
    private int next;

    RawValueReader(JsonScanner scanner) {
        this.scanner = scanner;
    }

    /**
     * Reads the value at {@code position}.
     *
     * @param depth how many objects and arrays enclose it within {@code data}
     */
    Object read(int position, int depth) {
        int b = scanner.peek(position);
        return switch (b) {
            case '{' -> object(position, depth + 1);
            case '[' -> array(position, depth + 1);
            case '"' -> string(position);
            case 't' -> literal(position, 4, Boolean.TRUE);
            case 'f' -> literal(position, 5, Boolean.FALSE);
            case 'n' -> literal(position, 4, null);
            default -> number(position);
        };
    }

    /** Reads the string whose opening quote is at {@code position}. */
    String string(int position) {
        int end = scanner.stringEnd(position + 1);
        next = end + 1;
        return JsonStrings.decode(scanner.buffer(), position + 1, end, scanner.escaped(), scanner.start());
    }

    /** Reads the number at {@code position} as a Long or a finite Double. */
    Object number(int position) {
        int end = scanner.numberEnd(position);
        next = end;
        byte[] bytes = scanner.buffer();
        if (JsonNumbers.isLong(bytes, position, end)) {
            return JsonNumbers.longValue(bytes, position, end);
        }
        return finite(bytes, position, end, scanner.start());
    }

    /** The double of the number at {@code bytes[from, to)}, refusing one beyond the double range. */
    static double finite(byte[] bytes, int from, int to, int eventStart) {
        double value = JsonNumbers.doubleValue(bytes, from, to);
        if (!Double.isFinite(value)) {
            String text = new String(bytes, from, Math.min(to - from, 40), StandardCharsets.US_ASCII);
            throw new InvalidEventException(
                    "",
                    "number " + text + (to - from > 40 ? "..." : "") + " at byte " + (from - eventStart)
                            + " of the event is beyond the range of a double; send numbers between"
                            + " -1.7976931348623157E308 and 1.7976931348623157E308, or send this one as a string");
        }
        return value;
    }

    private Object literal(int position, int length, Boolean value) {
        next = position + length;
        return value;
    }

    private Map<String, Object> object(int position, int depth) {
        checkDepth(position, depth);
        Map<String, Object> object = new LinkedHashMap<>();
        int p = scanner.skipWhitespace(position + 1);
        if (scanner.peek(p) == '}') {
            next = p + 1;
            return object;
        }
        while (true) {
            int keyAt = p;
            String key = string(p);
            p = scanner.skipWhitespace(next);
            p = scanner.skipWhitespace(scanner.expect(p, ':', "':' after a member name"));
            Object value = read(p, depth);
            int sizeBefore = object.size();
            object.put(key, value);
            if (object.size() == sizeBefore) {
                throw new InvalidEventException(
                        "/data",
                        "duplicate key '" + key + "' at byte " + (keyAt - scanner.start())
                                + " of the event; a JSON object may hold each key once, so remove one of them");
            }
            p = scanner.skipWhitespace(next);
            int separator = scanner.peek(p);
            if (separator == '}') {
                next = p + 1;
                return object;
            }
            p = scanner.skipWhitespace(scanner.expect(p, ',', "',' or '}' in an object"));
        }
    }

    private List<Object> array(int position, int depth) {
        checkDepth(position, depth);
        List<Object> array = new ArrayList<>();
        int p = scanner.skipWhitespace(position + 1);
        if (scanner.peek(p) == ']') {
            next = p + 1;
            return array;
        }
        while (true) {
            array.add(read(p, depth));
            p = scanner.skipWhitespace(next);
            if (scanner.peek(p) == ']') {
                next = p + 1;
                return array;
            }
            p = scanner.skipWhitespace(scanner.expect(p, ',', "',' or ']' in an array"));
        }
    }

    private void checkDepth(int position, int depth) {
        if (depth > StrictJson.MAX_DEPTH) {
            throw new InvalidEventException(
                    "/data",
                    "value at byte " + (position - scanner.start()) + " of the event is nested " + depth
                            + " objects and arrays deep, more than the " + StrictJson.MAX_DEPTH
                            + " allowed; flatten the value to at most " + StrictJson.MAX_DEPTH + " levels");
        }
    }
}
