package dev.flows.engine.expression;

import java.util.Map;

/** CEL's {@code !}: a bool negated, any other value an error. */
final class NotNode extends FastNode {

    private final FastNode operand;

    NotNode(FastNode operand) {
        this.operand = operand;
    }

    @Override
    Object eval(Map<String, Object> variables, RawEventVariables event) {
        return evalBool(variables, event);
    }

    @Override
    boolean evalBool(Map<String, Object> variables, RawEventVariables event) {
        return !operand.evalBool(variables, event);
    }
}
