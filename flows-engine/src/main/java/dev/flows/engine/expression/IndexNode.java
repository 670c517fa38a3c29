package dev.flows.engine.expression;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The index operator {@code operand[key]} on a list (by int) or a map (by key), limited to the overloads the
 * type checker left as candidates, as the interpreter's dispatch is.
 */
final class IndexNode extends FastNode {

    private final FastNode operand;
    private final FastNode key;
    private final boolean lists;
    private final boolean maps;

    IndexNode(FastNode operand, FastNode key, boolean lists, boolean maps) {
        this.operand = operand;
        this.key = key;
        this.lists = lists;
        this.maps = maps;
    }

    @Override
    Object eval(Map<String, Object> variables, RawEventVariables event) {
        Object container = operand.eval(variables, event);
        Object index = key.eval(variables, event);
        if (container instanceof Map<?, ?> map && maps) {
            Object value = map.get(index);
            if (value != null) {
                return value;
            }
            if (index instanceof String) {
                throw CelError.INSTANCE;
            }
            throw Bailout.INSTANCE; // numeric keys may match keys of another numeric type
        }
        if (container instanceof List<?> list && lists) {
            if (!(index instanceof Long position)) {
                // cel-java also selects with a double or unsigned index of whole value (l[0.0]); it decides.
                throw Bailout.INSTANCE;
            }
            if (position < 0 || position >= list.size()) {
                throw CelError.INSTANCE;
            }
            return list.get(position.intValue());
        }
        if (container instanceof Optional<?> || CelValues.isUnmodeled(index)) {
            throw Bailout.INSTANCE;
        }
        throw CelError.INSTANCE;
    }
}
