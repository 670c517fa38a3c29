package dev.flows.engine.expression;

import com.google.common.primitives.UnsignedLong;
import com.google.protobuf.ByteString;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypes;
import dev.cel.common.values.CelByteString;
import dev.cel.common.values.NullValue;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns what the CEL runtime returns into a plain JSON-like Java value: {@code Map<String, Object>} (keys
 * rendered as strings), {@code List<Object>}, {@code String}, {@code Long}, {@code Double}, {@code Boolean},
 * {@code byte[]} or null. Timestamps become RFC 3339 strings, durations strings such as {@code "1.5s"},
 * unsigned ints {@code Long} (or {@code Double} past {@code Long.MAX_VALUE}), an empty optional null.
 * Stateless.
 */
final class CelOutput {

    private CelOutput() {}

    /** The plain form of a CEL result; maps and lists are copied, deeply. */
    static Object plain(Object value) {
        return switch (value) {
            case null -> null;
            case NullValue ignored -> null;
            case com.google.protobuf.NullValue ignored -> null;
            case String string -> string;
            case Long number -> number;
            case Double number -> number;
            case Boolean bool -> bool;
            case Integer number -> number.longValue();
            case Float number -> number.doubleValue();
            case UnsignedLong number -> unsigned(number);
            case CelByteString bytes -> bytes.toByteArray();
            case ByteString bytes -> bytes.toByteArray();
            case byte[] bytes -> bytes;
            case Instant instant -> DateTimeFormatter.ISO_INSTANT.format(instant);
            case Duration duration -> duration(duration);
            case com.google.protobuf.Timestamp timestamp ->
                plain(Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos()));
            case com.google.protobuf.Duration duration ->
                plain(Duration.ofSeconds(duration.getSeconds(), duration.getNanos()));
            case Optional<?> optional -> plain(optional.orElse(null));
            case Map<?, ?> map -> map(map);
            case List<?> list -> list(list);
            case CelType type -> CelTypes.format(type);
            default -> value.toString();
        };
    }

    private static Object unsigned(UnsignedLong number) {
        if (number.compareTo(UnsignedLong.valueOf(Long.MAX_VALUE)) <= 0) {
            return number.longValue();
        }
        return number.doubleValue();
    }

    /** Renders as protobuf's JSON form does: seconds with up to nine decimals and an 's'. */
    private static String duration(Duration duration) {
        BigDecimal seconds = BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9));
        return seconds.stripTrailingZeros().toPlainString() + "s";
    }

    private static Map<String, Object> map(Map<?, ?> map) {
        Map<String, Object> plain = new LinkedHashMap<>(Math.max(4, map.size() * 2));
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            plain.put(String.valueOf(plain(entry.getKey())), plain(entry.getValue()));
        }
        return plain;
    }

    private static List<Object> list(List<?> list) {
        List<Object> plain = new ArrayList<>(list.size());
        for (Object element : list) {
            plain.add(plain(element));
        }
        return plain;
    }
}
