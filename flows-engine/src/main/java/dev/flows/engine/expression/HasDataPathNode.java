package dev.flows.engine.expression;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The presence test {@code has(data.a.b)}, answered from the event's bytes when it was bound lazily. */
final class HasDataPathNode extends FastNode {

    private final DataPathNode object;
    private final String field;
    private final byte[] utf8Field;

    HasDataPathNode(DataPathNode object, String field) {
        this.object = object;
        this.field = field;
        this.utf8Field = field.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    Object eval(Map<String, Object> variables, RawEventVariables event) {
        return evalBool(variables, event);
    }

    @Override
    boolean evalBool(Map<String, Object> variables, RawEventVariables event) {
        return object.has(variables, event, field, utf8Field);
    }
}
