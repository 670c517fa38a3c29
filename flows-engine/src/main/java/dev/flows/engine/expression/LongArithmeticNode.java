package dev.flows.engine.expression;

import java.util.Map;

/**
 * An arithmetic operator whose only candidate overload takes two ints ({@code data.qty * 2}): it computes on
 * primitives with CEL's overflow errors, and a value of another type fails as the overload dispatch would.
 */
final class LongArithmeticNode extends FastNode {

    private final Arithmetic operator;
    private final FastNode left;
    private final FastNode right;

    LongArithmeticNode(Arithmetic operator, FastNode left, FastNode right) {
        this.operator = operator;
        this.left = left;
        this.right = right;
    }

    @Override
    Object eval(Map<String, Object> variables, RawEventVariables event) {
        return evalLong(variables, event);
    }

    @Override
    long evalLong(Map<String, Object> variables, RawEventVariables event) {
        return operator.apply(left.evalLong(variables, event), right.evalLong(variables, event));
    }
}
