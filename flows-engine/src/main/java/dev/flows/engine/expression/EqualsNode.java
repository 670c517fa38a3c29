package dev.flows.engine.expression;

import java.util.Map;

/** CEL's {@code ==} or {@code !=} on any two values (see {@link CelValues#equal}). */
final class EqualsNode extends FastNode {

    private final FastNode left;
    private final FastNode right;
    private final boolean negated;

    EqualsNode(FastNode left, FastNode right, boolean negated) {
        this.left = left;
        this.right = right;
        this.negated = negated;
    }

    @Override
    Object eval(Map<String, Object> variables, RawEventVariables event) {
        return evalBool(variables, event);
    }

    @Override
    boolean evalBool(Map<String, Object> variables, RawEventVariables event) {
        Object a = left.eval(variables, event);
        Object b = right.eval(variables, event);
        return CelValues.equal(a, b) != negated;
    }
}
