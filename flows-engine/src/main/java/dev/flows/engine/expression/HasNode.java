package dev.flows.engine.expression;

import java.util.Map;

/** The presence test {@code has(operand.field)}. */
final class HasNode extends FastNode {

    private final FastNode operand;
    private final String field;

    HasNode(FastNode operand, String field) {
        this.operand = operand;
        this.field = field;
    }

    @Override
    Object eval(Map<String, Object> variables, RawEventVariables event) {
        return evalBool(variables, event);
    }

    @Override
    boolean evalBool(Map<String, Object> variables, RawEventVariables event) {
        return SelectNode.has(operand.eval(variables, event), field);
    }
}
