package dev.flows.engine.expression;

import dev.flows.engine.format.RawEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A chain of selections under {@code data} by constant names ({@code data.order.total}, {@code
 * data["order"].total}). On an event bound from bytes it finds the member in the bytes and converts only it;
 * otherwise, or when something on the way is not an object, it selects step by step as {@link SelectNode}
 * does, which gives CEL's answer in every case.
 */
final class DataPathNode extends FastNode {

    /** {@link #locate} could not decide from the bytes. */
    private static final int UNDECIDED = -2;

    private final String[] keys;
    private final byte[][] utf8Keys;

    DataPathNode(String... keys) {
        this.keys = keys.clone();
        this.utf8Keys = new byte[keys.length][];
        for (int i = 0; i < keys.length; i++) {
            utf8Keys[i] = keys[i].getBytes(StandardCharsets.UTF_8);
        }
    }

    @Override
    Object eval(Map<String, Object> variables, RawEventVariables event) {
        if (event != null) {
            int position = locate(event.raw(), keys.length);
            if (position >= 0) {
                return CelInput.of(event.raw().valueAt(position));
            }
        }
        return generic(variables, event, keys.length);
    }

    @Override
    double evalDouble(Map<String, Object> variables, RawEventVariables event) {
        if (event != null) {
            int position = locate(event.raw(), keys.length);
            if (position >= 0) {
                if (event.raw().isDouble(position)) {
                    return event.raw().doubleAt(position);
                }
                throw CelError.INSTANCE; // a Long, a string...: no double overload takes it
            }
        }
        return super.evalDouble(variables, event);
    }

    @Override
    long evalLong(Map<String, Object> variables, RawEventVariables event) {
        if (event != null) {
            int position = locate(event.raw(), keys.length);
            if (position >= 0) {
                if (event.raw().isLong(position)) {
                    return event.raw().longAt(position);
                }
                throw CelError.INSTANCE;
            }
        }
        return super.evalLong(variables, event);
    }

    @Override
    int indexOfString(Map<String, Object> variables, RawEventVariables event, StringConstants strings) {
        if (event != null) {
            RawEvent raw = event.raw();
            int position = locate(raw, keys.length);
            if (position >= 0) {
                for (int i = 0; i < strings.size(); i++) {
                    byte[] utf8 = strings.utf8(i);
                    if (utf8 != null && raw.stringEqualsAt(position, utf8, strings.text(i))) {
                        return i;
                    }
                    if (utf8 == null && strings.text(i).equals(raw.valueAt(position))) {
                        return i;
                    }
                }
                return -1;
            }
        }
        return super.indexOfString(variables, event, strings);
    }

    /** Whether the object at the end of the path has {@code field} ({@code has(data.a.field)}). */
    boolean has(Map<String, Object> variables, RawEventVariables event, String field, byte[] utf8Field) {
        if (event != null) {
            RawEvent raw = event.raw();
            int position = locate(raw, keys.length);
            if (position >= 0 && raw.isObject(position)) {
                return raw.member(position, field, utf8Field) >= 0;
            }
        }
        return SelectNode.has(generic(variables, event, keys.length), field);
    }

    /**
     * The position of the value at the end of the first {@code depth} keys, or {@link #UNDECIDED} when the
     * event has no JSON data or a value on the way is not an object.
     *
     * @throws CelError when an object on the way lacks the key
     */
    private int locate(RawEvent raw, int depth) {
        int position = raw.dataPosition();
        if (position < 0) {
            return UNDECIDED;
        }
        for (int i = 0; i < depth; i++) {
            if (!raw.isObject(position)) {
                return UNDECIDED;
            }
            position = raw.member(position, keys[i], utf8Keys[i]);
            if (position < 0) {
                throw CelError.INSTANCE;
            }
        }
        return position;
    }

    private Object generic(Map<String, Object> variables, RawEventVariables event, int depth) {
        Object value = event != null
                ? event.variable(RawEventVariables.DATA)
                : VariableNode.bound(variables, EventVariables.DATA);
        for (int i = 0; i < depth; i++) {
            value = SelectNode.select(value, keys[i]);
        }
        return value;
    }
}
