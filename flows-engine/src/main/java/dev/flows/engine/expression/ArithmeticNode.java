package dev.flows.engine.expression;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An arithmetic operator on values whose types are known only at run time: ints, doubles, and for {@code +}
 * strings and lists, each only when the type checker left its overload as a candidate. Timestamps, durations,
 * unsigned ints and bytes are left to the interpreter.
 */
final class ArithmeticNode extends FastNode {

    private final Arithmetic operator;
    private final FastNode left;
    private final FastNode right;
    private final boolean ints;
    private final boolean doubles;
    private final boolean strings;
    private final boolean lists;

    ArithmeticNode(
            Arithmetic operator,
            FastNode left,
            FastNode right,
            boolean ints,
            boolean doubles,
            boolean strings,
            boolean lists) {
        this.operator = operator;
        this.left = left;
        this.right = right;
        this.ints = ints;
        this.doubles = doubles;
        this.strings = strings;
        this.lists = lists;
    }

    @Override
    Object eval(Map<String, Object> variables, RawEventVariables event) {
        Object a = left.eval(variables, event);
        Object b = right.eval(variables, event);
        if (a instanceof Long x && b instanceof Long y && ints) {
            return operator.apply(x.longValue(), y.longValue());
        }
        if (a instanceof Double x && b instanceof Double y && doubles) {
            return operator.apply(x.doubleValue(), y.doubleValue());
        }
        if (operator == Arithmetic.ADD) {
            if (a instanceof String x && b instanceof String y && strings) {
                return x.concat(y);
            }
            if (a instanceof List<?> x && b instanceof List<?> y && lists) {
                List<Object> joined = new ArrayList<>(x.size() + y.size());
                joined.addAll(x);
                joined.addAll(y);
                return joined;
            }
        }
        if (CelValues.isUnmodeled(a) || CelValues.isUnmodeled(b) || a instanceof Instant || b instanceof Instant) {
            throw Bailout.INSTANCE;
        }
        throw CelError.INSTANCE;
    }
}
