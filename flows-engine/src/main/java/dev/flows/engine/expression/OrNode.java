package dev.flows.engine.expression;

import java.util.Map;

/**
 * CEL's {@code ||}, commutative over errors as the interpreter evaluates it: true on either side wins over an
 * error on the other, but a value that is not a bool fails at once.
 */
final class OrNode extends FastNode {

    private final FastNode left;
    private final FastNode right;

    OrNode(FastNode left, FastNode right) {
        this.left = left;
        this.right = right;
    }

    @Override
    Object eval(Map<String, Object> variables, RawEventVariables event) {
        return evalBool(variables, event);
    }

    @Override
    boolean evalBool(Map<String, Object> variables, RawEventVariables event) {
        Object first;
        try {
            first = left.eval(variables, event);
        } catch (CelError e) {
            first = null; // an error, kept until the right side has had its say
        }
        if (first != null) {
            if (!(first instanceof Boolean value)) {
                throw CelError.INSTANCE;
            }
            if (value) {
                return true;
            }
        }
        if (!(right.eval(variables, event) instanceof Boolean second)) {
            throw CelError.INSTANCE;
        }
        if (second) {
            return true;
        }
        if (first == null) {
            throw CelError.INSTANCE;
        }
        return false;
    }
}
