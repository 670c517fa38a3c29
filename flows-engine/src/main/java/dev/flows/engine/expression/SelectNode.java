package dev.flows.engine.expression;

import java.util.Map;
import java.util.Optional;

/** Field selection {@code operand.field} on a map (JSON object), failing as CEL does when the key is absent. */
final class SelectNode extends FastNode {

    private final FastNode operand;
    private final String field;

    SelectNode(FastNode operand, String field) {
        this.operand = operand;
        this.field = field;
    }

    @Override
    Object eval(Map<String, Object> variables, RawEventVariables event) {
        return select(operand.eval(variables, event), field);
    }

    /** CEL's {@code value.field}: the map's value for the key, an error when absent or not a map. */
    static Object select(Object value, String field) {
        if (value instanceof Map<?, ?> map) {
            Object selected = map.get(field);
            if (selected == null) {
                throw CelError.INSTANCE;
            }
            return selected;
        }
        if (value instanceof Optional<?>) {
            throw Bailout.INSTANCE;
        }
        throw CelError.INSTANCE;
    }

    /** CEL's {@code has(value.field)}: whether the map has the key, an error when not a map. */
    static boolean has(Object value, String field) {
        if (value instanceof Map<?, ?> map) {
            return map.containsKey(field);
        }
        if (value instanceof Optional<?>) {
            throw Bailout.INSTANCE;
        }
        throw CelError.INSTANCE;
    }
}
