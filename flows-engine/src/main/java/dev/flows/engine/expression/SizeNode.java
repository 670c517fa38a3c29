package dev.flows.engine.expression;

import java.util.List;
import java.util.Map;

/** CEL's {@code size(x)} and {@code x.size()}: code points of a string, elements of a list or a map. */
final class SizeNode extends FastNode {

    private final FastNode operand;

    SizeNode(FastNode operand) {
        this.operand = operand;
    }

    @Override
    Object eval(Map<String, Object> variables, RawEventVariables event) {
        return evalLong(variables, event);
    }

    @Override
    long evalLong(Map<String, Object> variables, RawEventVariables event) {
        Object value = operand.eval(variables, event);
        if (value instanceof String text) {
            return text.codePointCount(0, text.length());
        }
        if (value instanceof List<?> list) {
            return list.size();
        }
        if (value instanceof Map<?, ?> map) {
            return map.size();
        }
        if (CelValues.isUnmodeled(value)) {
            throw Bailout.INSTANCE;
        }
        throw CelError.INSTANCE;
    }
}
