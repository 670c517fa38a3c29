package dev.flows.engine.expression;

import java.util.Map;

/** CEL's unary {@code -}: an int (overflowing at the most negative) or a double. */
final class NegateNode extends FastNode {

    private final FastNode operand;

    NegateNode(FastNode operand) {
        this.operand = operand;
    }

    @Override
    Object eval(Map<String, Object> variables, RawEventVariables event) {
        Object value = operand.eval(variables, event);
        if (value instanceof Long number) {
            if (number == Long.MIN_VALUE) {
                throw CelError.INSTANCE;
            }
            return -number;
        }
        if (value instanceof Double number) {
            return -number;
        }
        if (CelValues.isUnmodeled(value)) {
            throw Bailout.INSTANCE;
        }
        throw CelError.INSTANCE;
    }
}
