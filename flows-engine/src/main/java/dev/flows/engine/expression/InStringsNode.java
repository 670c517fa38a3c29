package dev.flows.engine.expression;

import java.util.Map;

/**
 * {@code value in ["a", "b"]} against a list of string constants: an event attribute or a member of its data
 * is compared as bytes when the event was bound lazily. For any value the answer is CEL's: only a string can
 * equal a string.
 */
final class InStringsNode extends FastNode {

    private final FastNode value;
    private final StringConstants strings;

    InStringsNode(FastNode value, StringConstants strings) {
        this.value = value;
        this.strings = strings;
    }

    @Override
    Object eval(Map<String, Object> variables, RawEventVariables event) {
        return evalBool(variables, event);
    }

    @Override
    boolean evalBool(Map<String, Object> variables, RawEventVariables event) {
        return value.indexOfString(variables, event, strings) >= 0;
    }
}
