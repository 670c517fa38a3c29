package dev.flows.engine.expression;

import java.util.Map;

/**
 * A value known when the expression is compiled: a literal, or a subexpression without variables that {@link
 * FastPlanner} folded by running the interpreter on it once. A folded subexpression that fails (such as {@code
 * 1 / 0}) fails at each evaluation, as it would in the interpreter.
 */
final class ConstantNode extends FastNode {

    private final Object value;
    private final boolean failing;

    private ConstantNode(Object value, boolean failing) {
        this.value = value;
        this.failing = failing;
    }

    /** A node whose value is {@code value}, in CEL's runtime form. */
    static ConstantNode of(Object value) {
        return new ConstantNode(value, false);
    }

    /** A node that fails as the interpreter failed on it. */
    static ConstantNode failing() {
        return new ConstantNode(null, true);
    }

    /** The value, or null for a failing node. */
    Object value() {
        return value;
    }

    @Override
    Object eval(Map<String, Object> variables, RawEventVariables event) {
        if (failing) {
            throw CelError.INSTANCE;
        }
        return value;
    }
}
