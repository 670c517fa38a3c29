package dev.flows.engine.expression;

import java.util.List;
import java.util.Map;

/** CEL's {@code value in container} for a list (by CEL equality) or a map (by key). */
final class InNode extends FastNode {

    private final FastNode value;
    private final FastNode container;

    InNode(FastNode value, FastNode container) {
        this.value = value;
        this.container = container;
    }

    @Override
    Object eval(Map<String, Object> variables, RawEventVariables event) {
        return evalBool(variables, event);
    }

    @Override
    boolean evalBool(Map<String, Object> variables, RawEventVariables event) {
        Object element = value.eval(variables, event);
        Object in = container.eval(variables, event);
        if (in instanceof List<?> list) {
            return CelValues.inList(list, element);
        }
        if (in instanceof Map<?, ?> map) {
            return CelValues.inMap(map, element);
        }
        if (CelValues.isUnmodeled(in)) {
            throw Bailout.INSTANCE;
        }
        throw CelError.INSTANCE;
    }
}
