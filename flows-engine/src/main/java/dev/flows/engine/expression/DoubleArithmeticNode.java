package dev.flows.engine.expression;

import java.util.Map;

/**
 * An arithmetic operator whose only candidate overload takes two doubles ({@code data.price * 100.0}): it
 * computes on primitives, and a value of another type fails as the overload dispatch would.
 */
final class DoubleArithmeticNode extends FastNode {

    private final Arithmetic operator;
    private final FastNode left;
    private final FastNode right;

    DoubleArithmeticNode(Arithmetic operator, FastNode left, FastNode right) {
        this.operator = operator;
        this.left = left;
        this.right = right;
    }

    @Override
    Object eval(Map<String, Object> variables, RawEventVariables event) {
        return evalDouble(variables, event);
    }

    @Override
    double evalDouble(Map<String, Object> variables, RawEventVariables event) {
        return operator.apply(left.evalDouble(variables, event), right.evalDouble(variables, event));
    }
}
