package dev.flows.engine.expression;

import java.util.Map;

/** CEL's {@code <}, {@code <=}, {@code >} and {@code >=} (see {@link CelValues#order}). */
final class OrderNode extends FastNode {

    private final int operator;
    private final FastNode left;
    private final FastNode right;

    /** @param operator {@link CelValues#LESS} ... {@link CelValues#GREATER_OR_EQUAL} */
    OrderNode(int operator, FastNode left, FastNode right) {
        this.operator = operator;
        this.left = left;
        this.right = right;
    }

    @Override
    Object eval(Map<String, Object> variables, RawEventVariables event) {
        return evalBool(variables, event);
    }

    @Override
    boolean evalBool(Map<String, Object> variables, RawEventVariables event) {
        Object a = left.eval(variables, event);
        Object b = right.eval(variables, event);
        return CelValues.order(operator, a, b);
    }
}
