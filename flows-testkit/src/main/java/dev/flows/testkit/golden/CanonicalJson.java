package dev.flows.testkit.golden;

import java.math.BigDecimal;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON text that is equal for equal JSON values: object members sorted by name, numbers written by value
 * ({@code 3}, {@code 3.0} and {@code 3.00} are one number, as in JSON), binary data as base64 like the event
 * format writes it. Used to compare, never shown. Stateless.
 */
final class CanonicalJson {

    private CanonicalJson() {}

    static String of(Object value) {
        StringBuilder text = new StringBuilder();
        write(value, text);
        return text.toString();
    }

    private static void write(Object value, StringBuilder text) {
        switch (value) {
            case null -> text.append("null");
            case String string -> string(string, text);
            case Boolean bool -> text.append(bool);
            case Double number when number.isNaN() || number.isInfinite() -> string(number.toString(), text);
            case Float number when number.isNaN() || number.isInfinite() -> string(number.toString(), text);
            case Number number -> text.append(number(number));
            case Map<?, ?> map -> {
                Map<String, Object> sorted = new TreeMap<>();
                map.forEach((key, member) -> sorted.put(String.valueOf(key), member));
                text.append('{');
                String separator = "";
                for (Map.Entry<String, Object> member : sorted.entrySet()) {
                    text.append(separator);
                    string(member.getKey(), text);
                    text.append(':');
                    write(member.getValue(), text);
                    separator = ",";
                }
                text.append('}');
            }
            case Collection<?> list -> {
                text.append('[');
                String separator = "";
                for (Object element : list) {
                    text.append(separator);
                    write(element, text);
                    separator = ",";
                }
                text.append(']');
            }
            case byte[] bytes -> string(Base64.getEncoder().encodeToString(bytes), text);
            default -> string(value.toString(), text);
        }
    }

    private static String number(Number number) {
        BigDecimal exact = number instanceof Double || number instanceof Float
                ? BigDecimal.valueOf(number.doubleValue())
                : new BigDecimal(number.toString());
        return exact.signum() == 0 ? "0" : exact.stripTrailingZeros().toPlainString();
    }

    private static void string(String string, StringBuilder text) {
        text.append('"');
        for (int i = 0; i < string.length(); i++) {
            char c = string.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        text.append(String.format("\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
    }
}
