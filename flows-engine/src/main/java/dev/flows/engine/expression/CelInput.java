package dev.flows.engine.expression;

import dev.cel.common.values.CelByteString;
import dev.cel.common.values.NullValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Presents a plain JSON-like Java value the way the CEL runtime wants it: JSON null as CEL null, every
 * integer as {@code Long}, every floating-point number as {@code Double}, {@code byte[]} as CEL bytes, and
 * maps and lists as lazy views that convert their elements when read. Stateless.
 */
final class CelInput {

    private CelInput() {}

    /** The CEL form of {@code value}; values already in CEL form are returned as they are. */
    static Object of(Object value) {
        return switch (value) {
            case null -> NullValue.NULL_VALUE;
            case String string -> string;
            case Long number -> number;
            case Double number -> number;
            case Boolean bool -> bool;
            case CelMapView view -> view;
            case CelListView view -> view;
            case Map<?, ?> map -> new CelMapView(map);
            case List<?> list -> new CelListView(list);
            case Integer number -> number.longValue();
            case Short number -> number.longValue();
            case Byte number -> number.longValue();
            case Float number -> number.doubleValue();
            case BigInteger number -> big(number);
            case BigDecimal number -> number.doubleValue();
            case byte[] bytes -> CelByteString.of(bytes);
            default -> value;
        };
    }

    /** A Long when it fits, else the nearest Double (boxed apart: a ternary would widen both to double). */
    private static Object big(BigInteger number) {
        if (number.bitLength() < Long.SIZE) {
            return number.longValue();
        }
        return number.doubleValue();
    }
}
