package dev.flows.engine.expression;

import java.util.Map;

/** CEL's {@code condition ? then : otherwise}: evaluates one branch; a condition that is not a bool fails. */
final class ConditionalNode extends FastNode {

    private final FastNode condition;
    private final FastNode then;
    private final FastNode otherwise;

    ConditionalNode(FastNode condition, FastNode then, FastNode otherwise) {
        this.condition = condition;
        this.then = then;
        this.otherwise = otherwise;
    }

    private FastNode branch(Map<String, Object> variables, RawEventVariables event) {
        return condition.evalBool(variables, event) ? then : otherwise;
    }

    @Override
    Object eval(Map<String, Object> variables, RawEventVariables event) {
        return branch(variables, event).eval(variables, event);
    }

    @Override
    boolean evalBool(Map<String, Object> variables, RawEventVariables event) {
        return branch(variables, event).evalBool(variables, event);
    }

    @Override
    long evalLong(Map<String, Object> variables, RawEventVariables event) {
        return branch(variables, event).evalLong(variables, event);
    }

    @Override
    double evalDouble(Map<String, Object> variables, RawEventVariables event) {
        return branch(variables, event).evalDouble(variables, event);
    }

    @Override
    int indexOfString(Map<String, Object> variables, RawEventVariables event, StringConstants strings) {
        return branch(variables, event).indexOfString(variables, event, strings);
    }
}
