package dev.flows.engine.runtime;

import dev.flows.engine.expression.CompiledExpression;
import dev.flows.engine.expression.ExpressionException;
import java.util.List;
import java.util.Map;

/** Turns the value of a key expression into the string that keys state, tables and lookups. */
final class Keys {

    private Keys() {}

    /**
     * @param what names the key in the error message, such as "the key of table 'revenue'"
     * @throws ExpressionException if the value is not a string, a number or a bool
     */
    static String of(CompiledExpression expression, Object value, String what) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw new ExpressionException(
                expression.source().location() + ": " + what + ", `"
                        + expression.source().text() + "`, gave "
                        + (value == null ? "null" : "a " + kind(value))
                        + "; a key must be a string or a number, guard it with has(...) or convert it with string(...)",
                null);
    }

    private static String kind(Object value) {
        return value instanceof Map
                ? "map"
                : value instanceof List ? "list" : value.getClass().getSimpleName();
    }
}
