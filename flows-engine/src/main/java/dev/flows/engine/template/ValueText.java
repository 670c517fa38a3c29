package dev.flows.engine.template;

import dev.flows.engine.format.JsonValues;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * How a value is written into a template: as JSON, as text, and escaped for the inside of a JSON string or
 * for HTML. Total: whatever the value, each method returns a string and never throws. Stateless.
 */
final class ValueText {

    /** Integral doubles below this are written without a fraction in text ({@code 620}, not {@code 620.0}). */
    private static final double PLAIN_INTEGRAL_LIMIT = 1e15;

    private static final char REPLACEMENT = '\uFFFD';

    private ValueText() {}

    /** The value as one JSON value; {@code null} if it cannot be encoded (nesting too deep). */
    static String json(Object value) {
        try {
            // Decoding the UTF-8 replaces an unpaired surrogate the encoder wrote with U+FFFD.
            return new String(JsonValues.encode(value), StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            return "null"; // rendering never throws: a value JSON cannot hold is written as absent
        }
    }

    /**
     * The value as people read it: a string as it is, a number in its shortest form (an integral double without
     * {@code .0}), objects and lists as JSON, null as nothing.
     */
    static String text(Object value) {
        return switch (value) {
            case null -> "";
            case String string -> string;
            case Double number -> number(number);
            case Float number -> number(number.doubleValue());
            case BigDecimal number -> number.toPlainString();
            case Map<?, ?> map -> json(map);
            case Collection<?> list -> json(list);
            case Object[] array -> json(array);
            default -> safeToString(value);
        };
    }

    private static String number(double number) {
        if (number == Math.rint(number) && Math.abs(number) < PLAIN_INTEGRAL_LIMIT) {
            return Long.toString((long) number);
        }
        return Double.toString(number);
    }

    private static String safeToString(Object value) {
        try {
            return String.valueOf(value);
        } catch (RuntimeException e) {
            return "";
        }
    }

    /**
     * The text escaped to sit between the quotes of a JSON string: quote, backslash and control characters
     * escaped, and an unpaired surrogate replaced by U+FFFD, which strict JSON parsers and UTF-8 both refuse.
     */
    static String jsonString(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (unpaired(text, i)) {
                        out.append(REPLACEMENT);
                    } else if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Whether the char at {@code i} is a surrogate without its other half. */
    private static boolean unpaired(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
        }
        return false;
    }

    /** The text with {@code & < > " '} replaced by entities: safe in element content and quoted attributes. */
    static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
