package dev.flows.engine.expression;

import dev.cel.common.values.NullValue;
import java.util.Map;

/**
 * A variable: an event variable, read from the event's bytes when it was bound lazily (its slot resolved when
 * compiling), or a variable from the map, presented to CEL as the interpreter's resolver presents it.
 */
final class VariableNode extends FastNode {

    private final String name;
    private final int slot;

    VariableNode(String name) {
        this.name = name;
        this.slot = RawEventVariables.slot(name);
    }

    @Override
    Object eval(Map<String, Object> variables, RawEventVariables event) {
        if (event != null && slot >= 0) {
            return event.variable(slot);
        }
        return bound(variables, name);
    }

    /**
     * {@code name}'s value in CEL form, as {@link CelExpression}'s resolver gives it; an unbound variable is
     * left to the interpreter, whose answer depends on where it stands.
     */
    static Object bound(Map<String, Object> variables, String name) {
        Object value = variables.get(name);
        if (value == null) {
            if (variables.containsKey(name)) {
                return NullValue.NULL_VALUE;
            }
            throw Bailout.INSTANCE;
        }
        return CelInput.of(value);
    }

    @Override
    int indexOfString(Map<String, Object> variables, RawEventVariables event, StringConstants strings) {
        if (event == null || !isStringSlot()) {
            return super.indexOfString(variables, event, strings);
        }
        for (int i = 0; i < strings.size(); i++) {
            byte[] utf8 = strings.utf8(i);
            boolean equal = utf8 != null
                    ? event.stringEquals(slot, utf8, strings.text(i))
                    : strings.text(i).equals(event.variable(slot));
            if (equal) {
                return i;
            }
        }
        return -1;
    }

    private boolean isStringSlot() {
        return slot >= 0 && slot <= RawEventVariables.DATA_SCHEMA && slot != RawEventVariables.TIME;
    }
}
