package dev.flows.engine.expression;

import java.util.Map;

/**
 * {@code operand == "text"} or {@code !=} against a string constant: an event attribute or a member of its data
 * is compared as bytes when the event was bound lazily, so the flow's most common filter builds nothing.
 */
final class StringEqualsNode extends FastNode {

    private final FastNode operand;
    private final StringConstants text;
    private final boolean negated;

    StringEqualsNode(FastNode operand, String text, boolean negated) {
        this.operand = operand;
        this.text = new StringConstants(text);
        this.negated = negated;
    }

    @Override
    Object eval(Map<String, Object> variables, RawEventVariables event) {
        return evalBool(variables, event);
    }

    @Override
    boolean evalBool(Map<String, Object> variables, RawEventVariables event) {
        return (operand.indexOfString(variables, event, text) == 0) != negated;
    }
}
